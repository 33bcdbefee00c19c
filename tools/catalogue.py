"""The translation catalogues: extract the words from the code, update each language's ``.po``,
compile the ``.mo`` the package reads, and check that they agree (``tests/test_catalogue.py``).

    python tools/catalogue.py update     # msgids new in the code added (untranslated), gone ones dropped
    python tools/catalogue.py compile    # every .po → its .mo (shipped as package data)
    python tools/catalogue.py check      # what is untranslated, stale or not compiled; exit 1 if anything

A word is an English msgid in the code (``_("…", lang)``, ``ngettext``, ``pgettext``, ``N_`` in
tables, ``_()`` in the report's template; see ``babel.cfg``); its translation is in
``centrumsim/locale/<lang>/LC_MESSAGES/centrumsim.po``. Needs Babel (the ``[test]`` extra); the
package itself reads the ``.mo`` with the standard library's gettext. The same steps with Babel's
command line: ``pybabel extract -F babel.cfg -c TRANSLATORS: -o /tmp/centrumsim.pot .``, then
``pybabel update -i /tmp/centrumsim.pot -d centrumsim/locale -D centrumsim --no-fuzzy-matching
--ignore-obsolete`` and ``pybabel compile -d centrumsim/locale -D centrumsim``.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

from babel.messages import frontend
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "centrumsim" / "locale"
DOMAIN = "centrumsim"
MAPPING = ROOT / "babel.cfg"
FIELD = re.compile(r"{(\w*)")


def extract() -> Catalog:
    """Every msgid in the code and the report's template (as ``babel.cfg`` says where)."""
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse(fh, str(MAPPING))
    catalog = Catalog(domain=DOMAIN, project="centrumsim", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def languages() -> list[str]:
    """The languages with a catalogue (a folder under ``centrumsim/locale``)."""
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def write(catalog: Catalog, lang: str) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_lineno=False)
    po_path(lang).write_bytes(buffer.getvalue())


def update(lang: str) -> None:
    """The code's msgids into ``lang``'s .po: translations kept, new msgids added empty, msgids no
    longer in the code dropped (no fuzzy guesses: a translator fills in what is new)."""
    catalog = read(lang)
    created = catalog.creation_date
    template = extract()
    for m in template:  # a msgid that became plural (or singular) starts again untranslated (update keeps the old)
        old = catalog.get(m.id, m.context) if m.id else None
        if old is not None and isinstance(old.id, tuple) != isinstance(m.id, tuple):
            catalog.delete(old.id, old.context)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = created  # the .po changes only where its words do
    write(catalog, lang)


def compile_mo(lang: str) -> None:
    """``lang``'s .po → its .mo (what :mod:`gettext` reads at run time)."""
    buffer = io.BytesIO()
    write_mo(buffer, read(lang))
    po_path(lang).with_suffix(".mo").write_bytes(buffer.getvalue())


def _key(m: Message) -> tuple[str | None, str]:
    return m.context, m.id[0] if isinstance(m.id, tuple) else m.id


def _strings(m: Message) -> list[str]:
    return [s for s in (m.string if isinstance(m.string, tuple) else (m.string,))]


def _shown(path: Path) -> str:
    """A path as the messages write it: from the repository's root where it lies inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _fields(text: str) -> set[str]:
    return set(FIELD.findall(text.replace("{{", "").replace("}}", "")))


def problems(lang: str) -> list[str]:
    """What is wrong with ``lang``'s catalogue against the code: a msgid of the code missing,
    empty or fuzzy in the .po (untranslated), a msgid of the .po no longer in the code (stale),
    a translation whose ``{fields}`` differ from its msgid's, a .mo that is not the .po compiled."""
    code = {_key(m): m for m in extract() if m.id}
    po = {_key(m): m for m in read(lang) if m.id}
    out = []
    for key, m in code.items():
        t = po.get(key)
        where = ", ".join(sorted({f for f, _line in m.locations}))
        if t is None or not all(_strings(t)) or t.fuzzy:
            context = f" (context {key[0]!r})" if key[0] else ""
            out.append(f"{lang}: untranslated: {key[1]!r}{context} in {where}")
        elif isinstance(m.id, tuple) != isinstance(t.id, tuple) or (isinstance(m.id, tuple) and m.id != t.id):
            out.append(f"{lang}: {key[1]!r}: singular/plural forms differ between the code and the .po")
        else:
            wanted = set().union(*(_fields(s) for s in (m.id if isinstance(m.id, tuple) else (m.id,))))
            for s in _strings(t):
                if _fields(s) - wanted or wanted - _fields(s) - {"n"}:
                    out.append(f"{lang}: {key[1]!r}: the translation {s!r} has other {{fields}} than the msgid")
    out += [f"{lang}: stale (no longer in the code): {key[1]!r}" for key in po if key not in code]
    mo = po_path(lang).with_suffix(".mo")
    if not mo.is_file():
        out.append(f"{lang}: {_shown(mo)} is missing: python tools/catalogue.py compile")
    else:
        with mo.open("rb") as fh:
            # the parsed messages; typeshed leaves this (long-standing, undocumented) attribute out
            compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        wanted_mo = {}
        for m in read(lang):
            if not m.id or m.fuzzy or not m.string:  # as Babel's write_mo leaves them out
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            msgid = (f"{m.context}\x04" if m.context else "") + ids[0]
            if isinstance(m.id, tuple):
                wanted_mo.update({(msgid, i): s for i, s in enumerate(_strings(m))})
            else:
                wanted_mo[msgid] = m.string
        got = {k: v for k, v in compiled.items() if k != ""}
        if got != wanted_mo:
            out.append(f"{lang}: {_shown(mo)} is out of date with its .po: python tools/catalogue.py compile")
    return out


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command not in ("update", "compile", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    found = []
    for lang in languages():
        if command == "update":
            update(lang)
        elif command == "compile":
            compile_mo(lang)
        else:
            found += problems(lang)
    print("\n".join(found) if found else f"{command}: {', '.join(languages())}: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
