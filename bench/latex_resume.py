"""A resume view (bench.typeset_view) set in LaTeX, as two layouts people typeset with.

``classic`` follows resume.cls (resumake.io's first template): the name in capitals,
contact details joined by diamonds, headings in bold capitals over a rule, the employer
in bold with the dates flush right and the title in italics with the place flush right.
``jake`` follows "Jake's Resume": small-capital headings over a rule, the title in bold
with the dates flush right and the employer in small italics under it, skills as
"Group: a, b" lines. pdflatex (``apt-get install texlive-latex-extra
texlive-fonts-recommended``) compiles them; like real TeX resumes, its PDFs hold no
space glyphs, so every word gap is a gap the extractor must see.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bench.typeset_view import View

_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
            "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            "\\": r"\textbackslash{}"}
PREAMBLE = r"""\documentclass[letterpaper,11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{textcomp}
\usepackage{array}
\usepackage{enumitem}
\usepackage{titlesec}
\usepackage[hidelinks]{hyperref}
\input{glyphtounicode}
\pdfgentounicode=1
\pagestyle{empty}
"""


def tex(text: str) -> str:
    """Text with LaTeX's special characters escaped."""
    return re.sub(r"[&%$#_{}~^\\]", lambda m: _SPECIAL[m.group()], text)


def _itemize(lines: list[str], options: str = "") -> str:
    if not lines:
        return ""
    body = "\n".join(rf"\item {tex(line)}" for line in lines)
    return f"\\begin{{itemize}}{options}\n{body}\n\\end{{itemize}}"


def classic(view: View) -> str:
    out = [PREAMBLE, r"\usepackage[margin=0.75in]{geometry}",
           r"\titleformat{\section}{\bfseries\large}{}{0em}{\MakeUppercase}"
           r"[\vspace{-0.6em}\rule{\textwidth}{0.4pt}]",
           r"\setlist[itemize]{itemsep=-0.3em,topsep=0.2em}", r"\setlength{\parindent}{0pt}",
           r"\begin{document}", r"\begin{center}",
           rf"{{\Huge\bfseries {tex(view.name.upper())}}}\\[0.4em]",
           r" $\diamond$ ".join(tex(item) for item in view.contact), r"\end{center}"]
    if view.summary:
        out += [r"\section*{Summary}", tex(view.summary)]
    if view.schools:
        out.append(r"\section*{Education}")
        for school in view.schools:
            out += [rf"{{\bfseries {tex(school.institution)}}} \hfill {tex(school.period)}\\",
                    rf"{tex(school.degree)} \hfill {{\em {tex(school.place)}}}\\[0.3em]"]
    if view.jobs:
        out.append(r"\section*{Experience}")
        for job in view.jobs:
            out += [rf"{{\bfseries {tex(job.company)}}} \hfill {tex(job.period)}\\",
                    rf"{{\em {tex(job.position)}}} \hfill {{\em {tex(job.place)}}}\\",
                    tex(job.summary), _itemize(job.highlights), r"\vspace{0.4em}", ""]
    if view.skills:
        out += [r"\section*{Skills}",
                r"\begin{tabular}{@{}>{\bfseries}l@{\hspace{4ex}}p{0.7\textwidth}}"]
        out += [rf"{tex(group.name)} & {tex(', '.join(group.keywords))}\\" for group in view.skills]
        out.append(r"\end{tabular}")
    if view.projects:
        out.append(r"\section*{Projects}")
        for project in view.projects:
            out += [rf"{{\bfseries {tex(project.name)}}} \hfill {tex(project.period)}\\",
                    tex(project.description), _itemize(project.highlights), ""]
    return "\n".join(out + [r"\end{document}"])


def _subheading(top_left: str, top_right: str, bottom_left: str, bottom_right: str) -> str:
    return (r"\item\begin{tabular*}{0.97\textwidth}[t]{l@{\extracolsep{\fill}}r}"
            rf"\textbf{{{tex(top_left)}}} & {tex(top_right)} \\"
            rf"\textit{{\small {tex(bottom_left)}}} & \textit{{\small {tex(bottom_right)}}} \\"
            r"\end{tabular*}\vspace{-7pt}")


def jake(view: View) -> str:
    top_list = r"\begin{itemize}[leftmargin=0.15in, label={}]"
    out = [PREAMBLE, r"\usepackage[margin=0.5in]{geometry}",
           r"\titleformat{\section}{\vspace{-4pt}\scshape\raggedright\large}{}{0em}{}"
           r"[\titlerule\vspace{-5pt}]",
           r"\begin{document}", r"\begin{center}",
           rf"\textbf{{\Huge \scshape {tex(view.name)}}}\\ \vspace{{1pt}}",
           r"\small " + r" $|$ ".join(tex(item) for item in view.contact), r"\end{center}"]
    if view.schools:
        out += [r"\section{Education}", top_list]
        out += [_subheading(s.institution, s.place, s.degree, s.period) for s in view.schools]
        out.append(r"\end{itemize}")
    if view.jobs:
        out += [r"\section{Experience}", top_list]
        for job in view.jobs:
            out.append(_subheading(job.position, job.period, job.company, job.place))
            if job.summary:
                out.append(r"\item[] \small " + tex(job.summary))
            out.append(_itemize(job.highlights, r"[label=\textbullet]"))
        out.append(r"\end{itemize}")
    if view.projects:
        out += [r"\section{Projects}", top_list]
        for project in view.projects:
            out.append(rf"\item \textbf{{{tex(project.name)}}} \hfill {tex(project.period)}")
            out.append(_itemize(project.highlights or [project.description] * bool(project.description),
                                r"[label=\textbullet]"))
        out.append(r"\end{itemize}")
    if view.skills:
        lines = [rf"\textbf{{{tex(group.name)}}}{{: {tex(', '.join(group.keywords))}}}"
                 for group in view.skills]
        out += [r"\section{Technical Skills}", top_list,
                r"\small{\item{" + " \\\\\n".join(lines) + "}}", r"\end{itemize}"]
    return "\n".join(out + [r"\end{document}"])


TEMPLATES: dict[str, Callable[[View], str]] = {"classic": classic, "jake": jake}
