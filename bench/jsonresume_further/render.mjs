// JSON Resume -> HTML with one theme of this folder: node render.mjs <theme> <resume.json> > out.html
import { createRequire } from "node:module";
import { writeThemeHtml } from "../jsonresume/theme_html.mjs";

await writeThemeHtml(createRequire(import.meta.url), (name) => import(name));
