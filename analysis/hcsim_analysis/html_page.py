"""Small HTML builders for the report: one self-contained page.

The page must open anywhere, offline and attached to an e-mail, so styles
are inline and images are base64 data URIs; nothing is fetched. Every piece
of text that came from a file (scenario names, YAML) is escaped.
"""
import base64
from html import escape

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.6em; }
th { background: #f3f3f3; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.2em 0; }
figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #555; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
p.note { font-size: 0.9em; color: #555; }
"""


def text(value):
    return escape(str(value))


def attributes(**values):
    """HTML attributes from keywords; a trailing underscore avoids Python keywords (class_)."""
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"'
                   for name, value in values.items() if value is not None)


def cell(content, header=False, number=False, raw=False, **extra):
    tag = "th" if header else "td"
    css_class = " ".join(filter(None, ["number" if number else None, extra.pop("class_", None)]))
    body = content if raw else text(content)
    return f"<{tag}{attributes(class_=css_class or None, **extra)}>{body}</{tag}>"


def row(cells, **extra):
    return f"<tr{attributes(**extra)}>{''.join(cells)}</tr>"


def table(header_rows, body_rows, **extra):
    return (f"<table{attributes(**extra)}><thead>{''.join(header_rows)}</thead>"
            f"<tbody>{''.join(body_rows)}</tbody></table>")


def png_data_uri(png_bytes):
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def figure(png_bytes, caption, name):
    return (f'<figure{attributes(id=name)}><img src="{png_data_uri(png_bytes)}" alt="{text(caption)}">'
            f"<figcaption>{text(caption)}</figcaption></figure>")


def page(title, body_parts):
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{text(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body_parts) + "\n</body></html>\n")
