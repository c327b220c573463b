// JSON Resume -> HTML with one theme, for the render.mjs of each folder of themes
// (bench/jsonresume, bench/jsonresume_probe): each passes its own require and import, so
// the theme is looked up in that folder's node_modules.
import { readFileSync } from "node:fs";

export async function writeThemeHtml(require, importTheme) {
  const [theme, path] = process.argv.slice(2);
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
    module = await importTheme(`jsonresume-theme-${theme}`);
  }
  const render = module.render || (module.default && module.default.render);
  if (!render) {
    console.error(`jsonresume-theme-${theme} exports no render()`);
    process.exit(2);
  }
  process.stdout.write(await render(resume));
}
