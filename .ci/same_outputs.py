"""Checks that two folders of executed notebooks have the same outputs.

CI runs each notebook twice: `tcpedu notebook run` saved the committed
outputs, and `jupyter nbconvert --execute` ran the same cells on the tcpedu
Jupyter kernel. The text each cell printed (per stream), the values it
returned and the pictures and Markdown it showed must agree; only how
Jupyter splits a stream into messages may differ.

Usage: python3 same_outputs.py SAVED_DIR EXECUTED_DIR
"""
import json
import os
import sys


def text(v):
    return "".join(v) if isinstance(v, list) else v


def summary(cell):
    """A cell's outputs, with consecutive stream outputs of one name joined."""
    out = []
    for o in cell.get("outputs", []):
        kind = o["output_type"]
        if kind == "stream":
            if out and out[-1][0] == "stream" and out[-1][1] == o["name"]:
                out[-1] = ("stream", o["name"], out[-1][2] + text(o["text"]))
            else:
                out.append(("stream", o["name"], text(o["text"])))
        elif kind in ("display_data", "execute_result"):
            data = {k: text(v).replace("\n", "") if k == "image/png" else text(v) for k, v in o["data"].items()}
            out.append((kind, json.dumps(data, sort_keys=True)))
        elif kind == "error":
            out.append(("error", o["ename"], o["evalue"]))
    return out


def main(saved_dir, executed_dir):
    bad = 0
    names = sorted(n for n in os.listdir(saved_dir) if n.endswith(".ipynb"))
    for name in names:
        saved = json.load(open(os.path.join(saved_dir, name)))
        executed = json.load(open(os.path.join(executed_dir, name)))
        for i, (a, b) in enumerate(zip(saved["cells"], executed["cells"]), 1):
            if a.get("cell_type") != "code":
                continue
            sa, sb = summary(a), summary(b)
            if sa != sb:
                bad += 1
                print("%s: cell %d: tcpedu notebook run saved %s,\n  but Jupyter got %s" % (name, i, str(sa)[:300], str(sb)[:300]), file=sys.stderr)
    if bad:
        sys.exit("%d cells differ between tcpedu notebook run and Jupyter" % bad)
    print("Jupyter and tcpedu notebook run agree on every cell of %d notebooks" % len(names))


if __name__ == "__main__":
    main(*sys.argv[1:])
