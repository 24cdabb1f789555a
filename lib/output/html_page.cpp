#include "output/html_page.hpp"

#include "report/text.hpp"

#include <ostream>

namespace gdprctl::output {

using namespace gdprctl::report;

namespace {

constexpr std::string_view stylesheet = R"css(
:root { --ink: #1d2430; --muted: #5b6473; --line: #d8dde5; --band: #f3f5f8; --accent: #1f5fa8;
        --warn-bg: #fff4dc; --warn-line: #d9921a; --special: #7a2e8c; }
* { box-sizing: border-box; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
body { max-width: 1080px; margin: 0 auto; padding: 28px 36px 60px; }
header.doc { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
header.doc h1 { font-size: 1.9rem; margin: 0 0 4px; letter-spacing: -0.01em; }
header.doc p { margin: 2px 0; color: var(--muted); }
h2 { font-size: 1.35rem; margin: 34px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 26px 0 8px; }
h4 { font-size: 1rem; margin: 18px 0 6px; }
code { font: 0.86em/1.2 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--band);
       padding: 1px 5px; border-radius: 4px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0 4px; padding: 0; list-style: none; }
.summary li { background: var(--band); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px;
              min-width: 120px; }
.summary b { display: block; font-size: 1.35rem; }
.summary li.warn { background: var(--warn-bg); border-color: var(--warn-line); }
nav.toc { background: var(--band); border: 1px solid var(--line); border-radius: 8px; padding: 10px 18px;
          margin: 18px 0; }
nav.toc h2 { border: 0; margin: 4px 0 6px; font-size: 1rem; text-transform: uppercase; letter-spacing: 0.06em;
             color: var(--muted); }
nav.toc ol { margin: 0; padding-left: 20px; }
.banner { background: var(--warn-bg); border: 1px solid var(--warn-line); border-left-width: 6px;
          border-radius: 6px; padding: 10px 14px; margin: 16px 0; }
section.system { border: 1px solid var(--line); border-radius: 10px; padding: 4px 20px 14px; margin: 18px 0; }
section.system > h3 { margin-top: 14px; }
.purpose { border-left: 4px solid var(--accent); padding: 2px 0 2px 14px; margin: 16px 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
table.fields th { width: 28%; font-weight: 600; color: var(--muted); }
table.grid thead th { background: var(--band); border-bottom: 2px solid var(--line); }
table.grid td:first-child { width: 22%; }
tr.flag td, tr.flag th, td.flag { background: var(--warn-bg); }
tr.flag th { border-left: 4px solid var(--warn-line); }
.tag { display: inline-block; font-size: 0.78rem; font-weight: 600; padding: 1px 8px; border-radius: 10px;
       background: #e4edf8; color: var(--accent); margin-left: 6px; vertical-align: 2px; }
.tag.special { background: #f1e3f5; color: var(--special); }
.tag.warn { background: var(--warn-bg); color: #8a5a00; }
td ul { margin: 0; padding-left: 18px; }
.muted { color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line);
         padding-top: 10px; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  nav.toc { break-after: page; }
  section.system { break-before: page; border: 0; padding: 0; }
  /* The section heading starts a page and keeps the first system with it: a forced break between
     them left "Processing activities" alone at the bottom of the controller's page. */
  h2#processing { break-before: page; }
  h2#processing + section.system { break-before: auto; }
  table, .purpose, tr { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .summary li, .banner, tr.flag td, tr.flag th, td.flag, .tag { -webkit-print-color-adjust: exact;
                                                                print-color-adjust: exact; }
}
)css";

}  // namespace

void write_html_head(std::ostream& out, std::string_view title, std::string_view lang) {
    out << "<!DOCTYPE html>\n<html lang=\"" << lang
        << "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>"
        << html_escape(title) << "</title>\n<style>" << stylesheet << "</style>\n</head>\n<body>\n";
}

void write_html_tail(std::ostream& out) {
    out << "</body>\n</html>\n";
}

}  // namespace gdprctl::output
