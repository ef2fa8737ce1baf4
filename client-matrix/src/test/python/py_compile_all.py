"""py_compile on every .py file of the generated Python client (it cannot run here: no pydantic 2)."""
import pathlib
import py_compile
import sys

root = pathlib.Path(sys.argv[1])
files = sorted(root.rglob("*.py"))
if not files:
    sys.exit(f"no Python files under {root}")
for f in files:
    py_compile.compile(str(f), doraise=True)
print(f"[client-matrix] python: py_compile ok on {len(files)} files of {root}")
