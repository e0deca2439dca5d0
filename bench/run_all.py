"""Run every benchmark and print its figures (`make bench`).

Benchmarks print figures and ratios; nothing here asserts on wall time.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ORDER = ["sample.py", "ingest.py", "accuracy.py", "variations.py", "real_documents.py", "retrieval.py", "check.py",
         "package.py"]
REAL_DOCUMENTS = HERE.parents[1] / "shared" / "real-documents"  # test input read in place, absent in a bare clone


def main() -> int:
    failed = []
    for name in ORDER:
        script = HERE / name
        if not script.exists():
            print(f"== {name}: not present")
            continue
        if name == "real_documents.py" and not (REAL_DOCUMENTS / "MANIFEST.md").is_file():
            print(f"== {name}: skipped, no real-documents folder at {REAL_DOCUMENTS}")
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(name)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
