"""The example notebook runs top to bottom in a real Jupyter kernel and shows what it says.

``docs/examples/preview.ipynb`` is executed with nbclient against the installed package,
in a kernel started from this interpreter (a kernelspec installed into a temporary
folder and put first on ``JUPYTER_PATH``, so that a user's own ``python3`` kernel cannot
stand in for it), with Jupyter's runtime and IPython folders in a temporary folder too.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "examples" / "preview.ipynb"


def _read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def _cells(nb: Any) -> dict[str, Any]:
    return {cell["id"]: cell for cell in nb.cells}


def _html(cell: Any) -> list[str]:
    """The HTML a cell displayed (its results and display outputs)."""
    return [
        output["data"]["text/html"]
        for output in cell["outputs"]
        if output["output_type"] in ("execute_result", "display_data")
        and "text/html" in output["data"]
    ]


def _printed(cell: Any) -> str:
    return "".join(
        output["text"]
        for output in cell["outputs"]
        if output["output_type"] == "stream" and output["name"] == "stdout"
    )


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The notebook, executed in a fresh python3 kernel running this interpreter."""
    from ipykernel.kernelspec import install

    work = tmp_path_factory.mktemp("notebook")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_PLATFORM_DIRS", "1")  # the new paths, without a deprecation warning
        env.setenv("JUPYTER_RUNTIME_DIR", str(work / "runtime"))
        env.setenv("IPYTHONDIR", str(work / "ipython"))
        env.delenv("JUPYTER_CONFIG_DIR", raising=False)
        install(prefix=str(work / "env"), kernel_name="python3")
        env.setenv("JUPYTER_PATH", str(work / "env" / "share" / "jupyter"))
        nb = _read()
        client = NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}}
        )
        client.execute()
        yield nb


def test_the_notebook_is_committed_without_outputs() -> None:
    """The committed notebook is clean: valid, no outputs, no execution counts, a python3 kernel."""
    nb = _read()
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) >= 8
    for cell in code:
        assert cell["outputs"] == [], cell["id"]
        assert cell["execution_count"] is None, cell["id"]
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "datetime.now" not in NOTEBOOK.read_text("utf-8")  # every moment is fixed


def test_the_kernel_runs_this_interpreter(executed: Any) -> None:
    """The kernelspec the test installs starts the Python running the tests."""
    import json

    from jupyter_client.kernelspec import KernelSpecManager

    assert executed is not None
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[0] == sys.executable, json.dumps(spec.to_dict())


def test_every_cell_runs_without_an_error_or_a_warning(executed: Any) -> None:
    """Each code cell ran in order; nothing was written to stderr, no error output."""
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", cell["id"]
            assert output.get("name") != "stderr", (cell["id"], output.get("text"))


def test_history_and_window_show_their_charts(executed: Any) -> None:
    """The history and the lane's window display as HTML with an inline SVG histogram."""
    cells = _cells(executed)
    (history,) = _html(cells["history"])
    assert history.count("<svg") == 1
    assert "TransitHistory: 2,994 rows in 15 lanes, business days" in history
    (window,) = _html(cells["lane"])
    assert window.count("<svg") == 1
    assert "636 samples on REG/JKT/SBY" in window
    for cell_id in ("history", "lane"):
        (result,) = [o for o in cells[cell_id]["outputs"] if o["output_type"] == "execute_result"]
        assert sorted(result["data"]) == ["text/html", "text/plain"]


def test_previews_show_indonesian_and_english_cards(executed: Any) -> None:
    """The delivery estimate and the out-of-office notice show as id and en cards."""
    cells = _cells(executed)
    (estimate,) = _html(cells["preview"])
    assert estimate.count('class="expectset-card"') == 2
    assert 'lang="id"' in estimate
    assert 'lang="en"' in estimate
    assert "Pesanan INV/2026/12/0042: estimasi tiba 23–28 Desember 2026" in estimate
    assert "Order INV/2026/12/0042: estimated arrival 23–28 December 2026" in estimate
    assert "Natal" in estimate
    (notice,) = _html(cells["ooo"])
    assert notice.count('class="expectset-card"') == 2
    assert "Senin, 4 Januari 2027" in notice
    assert _printed(cells["ooo"]).startswith("Kembali Senin, 4 Januari 2027; balasan paling lambat")


def test_the_numbers_behind_the_chosen_policy(executed: Any) -> None:
    """The backtest table and the promise say what the notebook's prose concludes from them."""
    cells = _cells(executed)
    assert _printed(cells["policies"]) == (
        "policy                         kept  late by  promised   REG/JKT/SBY today\n"
        "90% on time, 50% confidence   93.5%    1.7 d     5.5 d   3–4 business days\n"
        "95% on time, 90% confidence   98.0%    1.7 d     7.2 d   3–5 business days\n"
        "98% on time, 90% confidence   99.6%    1.9 d     9.1 d   3–6 business days\n"
    )
    choice = "".join(cells["choice"]["source"])
    assert "one promise in fifteen" in choice  # 93.5% kept: 1 in 15.3 broken
    assert "keeps 98% of\npromises at about seven days" in choice
    assert _printed(cells["promise"]) == (
        "ships Sat 19 Dec, arrives Wed 23 Dec to Mon 28 Dec\n"
        "  closed Thu 24 Dec: collective leave for Christmas\n"
        "  closed Fri 25 Dec: Christmas Day\n"
    )
