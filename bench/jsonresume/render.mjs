// JSON Resume -> HTML with one theme: node render.mjs <theme> <resume.json> > out.html
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [theme, path] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const resume = JSON.parse(readFileSync(path, "utf8"));
// The schema renamed work[].company to work[].name: themes read one or the other.
for (const job of resume.work || []) {
  job.company = job.company || job.name;
  job.name = job.name || job.company;
}
let module;
try {
  module = require(`jsonresume-theme-${theme}`);
} catch (error) {
  module = await import(`jsonresume-theme-${theme}`);
}
const render = module.render || (module.default && module.default.render);
if (!render) {
  console.error(`jsonresume-theme-${theme} exports no render()`);
  process.exit(2);
}
process.stdout.write(await render(resume));
