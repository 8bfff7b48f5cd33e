"""A custom import-linter contract: some parts of the code must not import certain SUBMODULES of an
external package (import-linter itself only forbids whole external packages, e.g. `django`).

Used by `lint-imports` (see [tool.importlinter] in pyproject.toml):

    [[tool.importlinter.contracts]]
    type = "forbidden_external_submodules"
    source_modules = ["diagnosis.sessions"]
    forbidden_submodules = ["django.template", "channels.generic"]
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck
from importlinter.domain.helpers import module_expressions_to_modules

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?\s*([^#)]*)")
_IMPORT = re.compile(r"^\s*import\s+([^#]*)")


def _imported_names(line: str) -> list[str]:
    """Dotted names an import line brings in: `from a.b import c, d` gives a.b.c and a.b.d."""
    if m := _FROM.match(line):
        base = m.group(1)
        names = [n.split(" as ")[0].strip() for n in m.group(2).split(",") if n.strip()]
        return [base] + [f"{base}.{n}" for n in names]
    if m := _IMPORT.match(line):
        return [n.split(" as ")[0].strip() for n in m.group(1).split(",") if n.strip()]
    return []


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


class ForbiddenExternalSubmodulesContract(Contract):
    type_name = "forbidden_external_submodules"

    source_modules = fields.SetField(subfield=fields.ModuleExpressionField())
    forbidden_submodules = fields.SetField(subfield=fields.StringField())
    ignore_modules = fields.SetField(subfield=fields.ModuleExpressionField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        sources = list(module_expressions_to_modules(graph, self.source_modules))  # type: ignore[arg-type]
        ignored = list(module_expressions_to_modules(graph, self.ignore_modules or set()))  # type: ignore[arg-type]
        forbidden = sorted(str(f) for f in self.forbidden_submodules)  # type: ignore[attr-defined]
        roots = {f.split(".")[0] for f in forbidden}
        importers = sorted(
            m
            for m in graph.modules
            if any(_under(m, s.name) for s in sources)
            and not any(_under(m, i.name) for i in ignored)
        )
        broken = []
        for importer in importers:
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported not in roots:
                    continue
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    names = _imported_names(detail["line_contents"])
                    hit = next((f for f in forbidden for n in names if _under(n, f)), None)
                    if hit:
                        broken.append(
                            (importer, detail["line_number"], detail["line_contents"], hit)
                        )
            output.verbose_print(verbose, f"checked {importer}")
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, line, contents, hit in check.metadata["broken"]:
            output.print_error(f"{importer}:{line} imports {hit} ({contents.strip()})", bold=False)
            output.new_line()
