#!/usr/bin/env bash
# Regenerates the fixtures of the non-PDF extractor tests (tests/fixtures/extract/).
#
# Source text: the official Kazakh and Russian texts of the Almaty oblast maslikhat decision
# of 14 September 2023 No. 6-38 (official act, no copyright), from the shared corpus.
# Needs: python3, iconv (glibc, with RK1048), zip, LibreOffice Writer and its Python bridge
#   (apt-get install -y libreoffice-writer-nogui python3-uno).
# Rerunnable: every output is overwritten. The generated files are committed, so the tests do
# not need LibreOffice; rerun only to change the fixtures, then rerun the tests.
#
# Usage: scripts/make-extract-fixtures.sh [corpus-dir]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${1:-/work/shared/corpus/text/kk-ru_almaty-oblast-maslikhat-decision-2023-6-38}"
OUT="$ROOT/tests/fixtures/extract"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# 1. Plain text versions of the Markdown originals (markup removed, one paragraph per line).
#    rus-head: the Russian preamble only, because the appendix names Қонаев, which no Russian
#    single-byte code page can encode.
python3 - "$SRC" "$WORK" <<'PY'
import re, sys, html
src, work = sys.argv[1], sys.argv[2]

def plain(md):
    out = []
    for line in md.split('\n'):
        line = line.strip()
        line = re.sub(r'^#+\s*', '', line)
        line = re.sub(r'^>\s*', '', line)
        line = line.replace('**', '')
        line = re.sub(r'^\*(.*)\*$', r'\1', line)
        if line:
            out.append(line)
    return out

kaz = plain(open(f'{src}/kaz.md', encoding='utf-8').read())
rus = plain(open(f'{src}/rus.md', encoding='utf-8').read())
open(f'{work}/kaz.txt', 'w', encoding='utf-8').write('\r\n'.join(kaz) + '\r\n')
open(f'{work}/rus.txt', 'w', encoding='utf-8').write('\n'.join(rus) + '\n')
head = [l for l in rus[:9]]
open(f'{work}/rus-head.txt', 'w', encoding='utf-8').write('\r\n'.join(head) + '\r\n')

# An HTML rendering of the Kazakh text: the source of the DOCX/DOC/ODT/RTF fixtures (LibreOffice
# keeps <title> as the document title, <h1> as a heading, the table as a table).
# The first three numbered routes ("1) № 1 …") become a two-column table, in place.
title = kaz[0]
body = [f'<h1>{html.escape(title)}</h1>']
table_rows = []
for line in kaz[1:]:
    m = re.match(r'^(\d+\)) (.*)$', line)
    if m and len(table_rows) < 3:
        table_rows.append(f'<tr><td>{html.escape(m.group(1))}</td><td>{html.escape(m.group(2))}</td></tr>')
        if len(table_rows) == 3:
            body.append('<table border="1">' + ''.join(table_rows) + '</table>')
        continue
    body.append(f'<p>{html.escape(line)}</p>')
page = ('<!DOCTYPE html>\n<html lang="kk"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title></head>\n<body>\n' + '\n'.join(body) + '\n</body></html>\n')
open(f'{work}/kaz.html', 'w', encoding='utf-8').write(page)

# A Russian page in Windows-1251 with a <meta> declaration, with things to skip (script,
# style, nav) and a table.
rbody = '\n'.join(f'<p>{html.escape(l)}</p>' for l in head[1:])
rpage = ('<!DOCTYPE html>\n<html lang="ru">\n<head>\n'
         '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n'
         f'<title>{html.escape(head[0])}</title>\n'
         '<style>p { margin: 0 } .hidden { display: none }</style>\n'
         '<script>var message = "не текст документа";</script>\n</head>\n<body>\n'
         '<noscript>Включите JavaScript</noscript>\n'
         f'<h1>{html.escape(head[0])}</h1>\n{rbody}\n'
         '<table><tr><th>Номер</th><th>Дата</th></tr><tr><td>№&nbsp;6-38</td><td>14 сентября 2023 года</td></tr></table>\n'
         '</body>\n</html>\n')
open(f'{work}/rus-1251.html', 'w', encoding='utf-8').write(rpage)

# Two routes of the appendix with the act's own note on "ЖШС" as a footnote (LibreOffice's HTML
# footnote markup), to check that every format puts notes after the body.
routes = [l for l in kaz if l.startswith(('2) № 2 «Қарлығаш»', '3) № 3 «Строитель»'))][:2]
note = next(l for l in kaz if l.startswith('ЖШС – '))
first = html.escape(routes[0]).replace(' ЖШС ', ' ЖШС<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a> ', 1)
fpage = ('<!DOCTYPE html>\n<html lang="kk"><head><meta charset="utf-8"><title>Ескертпе</title></head>\n<body>\n'
         f'<p>{first}</p>\n<p>{html.escape(routes[1])}</p>\n'
         '<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>'
         f'{html.escape(note)}</p></div>\n</body></html>\n')
open(f'{work}/footnote.html', 'w', encoding='utf-8').write(fpage)
PY

# 2. Text encodings.
iconv -f UTF-8 -t UTF-8 "$WORK/kaz.txt" > "$OUT/kaz-utf8.txt"                       # CRLF line ends
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$WORK/kaz.txt"; } > "$OUT/kaz-utf16le-bom.txt"
iconv -f UTF-8 -t UTF-16LE "$WORK/rus.txt" > "$OUT/rus-utf16le-nobom.txt"          # no BOM
iconv -f UTF-8 -t UTF-16BE "$WORK/rus-head.txt" > "$OUT/rus-utf16be-nobom.txt"     # no BOM
iconv -f UTF-8 -t RK1048 "$WORK/kaz.txt" > "$OUT/kaz-kz1048.txt"
iconv -f UTF-8 -t CP1251 "$WORK/rus-head.txt" > "$OUT/rus-cp1251.txt"
# KOI8-R and CP866 have no « » – №: glibc transliterates them (<< >> - No).
iconv -f UTF-8 -t KOI8-R//TRANSLIT "$WORK/rus-head.txt" > "$OUT/rus-koi8r.txt"
iconv -f UTF-8 -t CP866//TRANSLIT "$WORK/rus-head.txt" > "$OUT/rus-cp866.txt"
iconv -f UTF-8 -t CP1251 "$WORK/rus-1251.html" > "$OUT/rus-cp1251.html"
install -m 644 "$SRC/kaz.md" "$OUT/kaz.md"

# 3. Office formats, converted by LibreOffice from the HTML rendering (as Writer, not Writer/Web).
#    A private profile, so that a LibreOffice already running elsewhere does not swallow the job.
PROFILE="file://$WORK/lo-profile"
( cd "$WORK"
  for target in 'docx:MS Word 2007 XML' 'doc:MS Word 97' 'odt:writer8' 'rtf:Rich Text Format'; do
    soffice -env:UserInstallation="$PROFILE" --headless --infilter='HTML (StarWriter)' \
      --convert-to "$target" --outdir "$WORK/office" kaz.html footnote.html >/dev/null 2>&1
  done )
for ext in docx doc odt rtf; do
  cp "$WORK/office/kaz.$ext" "$OUT/kaz.$ext"
  cp "$WORK/office/footnote.$ext" "$OUT/footnote.$ext"
done

# 3b. A password-protected ODT (password "secret"): `--convert-to` cannot set a password, so
#     LibreOffice is driven through UNO (Debian: apt-get install python3-uno; system python).
#     (LibreOffice 7.4 ignores a password when saving DOCX this way; the encrypted-DOCX test
#     builds its OLE2 container in code.)
printf 'Құпия хаттама\n' > "$WORK/secret.txt"
timeout 180 /usr/bin/python3 - "$WORK" "$PROFILE" <<'PY'
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

work, profile = sys.argv[1], sys.argv[2]
def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue(); p.Name = name; p.Value = value; out.append(p)
    return tuple(out)

office = subprocess.Popen(['soffice', f'-env:UserInstallation={profile}', '--headless', '--invisible', '--norestore',
                           '--accept=socket,host=127.0.0.1,port=2083;urp;'])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    ctx = None
    for _ in range(100):
        try:
            ctx = resolver.resolve('uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext')
            break
        except Exception:
            time.sleep(0.2)
    if ctx is None:
        sys.exit('LibreOffice did not start its UNO listener')
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    doc = desktop.loadComponentFromURL(f'file://{work}/secret.txt', '_blank', 0,
                                       props(Hidden=True, FilterName='Text (encoded)', FilterOptions='UTF8,LF,,,'))
    doc.storeToURL(f'file://{work}/secret.odt', props(FilterName='writer8', Password='secret'))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge drops as LibreOffice exits
finally:
    try:
        office.wait(timeout=20)
    except subprocess.TimeoutExpired:
        office.kill()
PY
cp "$WORK/secret.odt" "$OUT/encrypted.odt"

# 4. A zip-bomb-like ODT: a 30 MB content.xml of spaces that deflates to ~30 KB (ratio ~1000).
( cd "$WORK" && mkdir -p bomb && cd bomb
  printf 'application/vnd.oasis.opendocument.text' > mimetype
  { printf '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
    head -c 30000000 /dev/zero | tr '\0' ' '
    printf '</office:document-content>'; } > content.xml
  rm -f ../bomb.odt && zip -q -X -0 ../bomb.odt mimetype && zip -q -X -9 ../bomb.odt content.xml )
cp "$WORK/bomb.odt" "$OUT/bomb.odt"

ls -l "$OUT"
