"""Generates the jaxtyping conformance data used by the dev.solstice.shape tests.

Run with the oracle interpreter (jaxtyping 0.3.11, beartype, jax):
    /work/oracle/bin/python annotations/src/test/python/generate_shape_cases.py

Writes, into annotations/src/test/resources/:
  shape_cases_more.json  calls decided by jaxtyping: each case calls f(x0, x1, ...) whose
                         parameters are Float[Array, specs[i]] under @jaxtyped(typechecker=beartype),
                         with arrays of the given shapes; when returnSpec is present f is annotated
                         to return Float[Array, returnSpec] and returns an array of returnShape.
                         ok says whether jaxtyping accepted the call.
  shape_spec_parse.json  spec strings and whether building Float[Array, spec] raised (jaxtyping's
                         parse-time rejections). For accepted specs, supported says whether every
                         symbolic axis lies in the Python subset Solstice implements.
The tests never run this script; they read its output.
"""

import ast
import json
import pathlib
import random
import re

import jax.numpy as jnp
from beartype import beartype
from jaxtyping import Array, Float, jaxtyped
from jaxtyping._array_types import (
    _FixedDim,
    _NamedDim,
    _NamedVariadicDim,
    _SymbolicDim,
    _anonymous_dim,
    _anonymous_variadic_dim,
)

RESOURCES = pathlib.Path(__file__).resolve().parents[1] / "resources"
rng = random.Random(20240611)

# (topic, argument specs, return spec or None)
TEMPLATES = [
    ("broadcast-variadic", ["*#b", "*#b"], None),
    ("broadcast-variadic", ["*#b", "*b"], None),
    ("broadcast-variadic", ["*b", "*#b"], None),
    ("broadcast-variadic", ["*#b", "*#b", "*b"], None),
    ("broadcast-variadic", ["*b", "*#b", "*#b"], None),
    ("broadcast-variadic", ["*#b", "*#b", "*#b"], None),
    ("broadcast-variadic", ["*#b c", "*#b c"], None),
    ("broadcast-variadic", ["#*b", "*#b n"], None),
    ("broadcast-variadic", ["*#b", "*#b"], "*b"),
    ("broadcast-variadic", ["*#b", "*b"], "*#b"),
    ("broadcast-named", ["a", "#a"], None),
    ("broadcast-named", ["#a", "a"], None),
    ("broadcast-named", ["#a", "#a"], None),
    ("broadcast-named", ["#a", "a", "a"], None),
    ("broadcast-named", ["a", "#a", "a"], None),
    ("broadcast-named", ["#a b", "a #b", "a b"], None),
    ("broadcast-named", ["#3", "3"], None),
    ("broadcast-named", ["#a", "a+1"], None),
    ("broadcast-named", ["a", "#a+1"], None),
    ("expression", ["n", "n+1"], None),
    ("expression", ["n n+1"], None),
    ("expression", ["n+1 n"], None),
    ("expression", ["n", "n*2 n//2"], None),
    ("expression", ["a b", "a*b"], None),
    ("expression", ["a b", "(a+b)*2"], None),
    ("expression", ["a b", "min(a,b) max(a,b)"], None),
    ("expression", ["a b", "abs(a-b)"], None),
    ("expression", ["n", "n%3"], None),
    ("expression", ["n", "-n+6"], None),
    ("expression", ["a", "a-3"], None),
    ("expression", ["a b", "a//b"], None),
    ("expression", ["n+1", "n"], None),
    ("expression", ["*b n", "n-1"], None),
    ("expression", ["n *b n+1"], None),
    ("expression", ["*b n+1 n"], None),
    ("expression", ["*n", "n+1"], None),
    ("expression", ["n *n", "*n n"], None),
    ("expression", ["a b c", "a*b*c"], None),
    ("expression", ["n", "2*n-1"], None),
    ("expression", ["n", "n--1 +n"], None),
    ("expression", ["3+4"], None),
    ("expression", ["n"], "n+1"),
    ("expression", ["h w"], "h*w"),
    ("expression", ["#n"], "n-1"),
    ("expression", ["a b"], "a//2 b%2"),
    ("label", ["a=3 b", "b"], None),
    ("label", ["rows=3 cols=4"], None),
    ("label", ["x=#3"], None),
    ("label", ["#x=3"], None),
    ("label", ["x=n", "n"], None),
    ("label", ["x=_", "3"], None),
    ("label", ["=3"], None),
    ("label", ["x=*b", "*b"], None),
    ("label", ["n=n", "n"], None),
    ("anonymous-variadic", ["... n", "n ..."], None),
    ("anonymous-variadic", ["*_", "*_"], None),
    ("anonymous-variadic", ["*_foo n", "n"], None),
    ("anonymous-variadic", ["_* 3"], None),
    ("anonymous-variadic", ["... 3"], None),
    ("anonymous-variadic", ["..."], None),
    ("anonymous-variadic", ["a ... b", "b a"], None),
    ("scalar", ["", ""], None),
    ("scalar", ["", "..."], None),
    ("scalar", ["", "*b"], None),
    ("scalar", ["*b", ""], None),
    ("scalar", ["", "n"], None),
    ("scalar", [""], ""),
    ("rank", ["a b c"], None),
    ("rank", ["a *b c"], None),
    ("rank", ["*b a b c"], None),
    ("rank", ["a b", "a b c"], None),
    ("anonymous", ["_a _b", "_a"], None),
    ("anonymous", ["_n n", "n"], None),
    ("anonymous", ["_", "_"], None),
    ("anonymous", ["#a _", "a"], None),
    ("tree-path", ["?a"], None),
    ("tree-path", ["#?a"], None),
    ("tree-path", ["?_a"], None),
    ("tree-path", ["*?b"], None),
    ("tree-path", ["?*_ n"], None),
    ("empty-name", ["*", "*"], None),
    ("empty-name", ["=", "="], None),
    ("empty-name", ["*", "n"], None),
    ("fixed-forms", ["03"], None),
    ("fixed-forms", ["+3"], None),
    ("fixed-forms", ["3_0"], None),
    ("fixed-forms", ["-1"], None),
    ("fixed-forms", ["#-1"], None),
    ("fixed-forms", ["0"], None),
    ("fixed-forms", ["#0 n"], None),
    ("names", ["é", "é"], None),
    ("names", ["batch_size seq", "seq batch_size"], None),
    ("return", ["a b"], "b a"),
    ("return", ["*b n"], "*b"),
    ("return", ["n"], "m"),
    ("return", ["*#b", "*#b"], "*#b"),
    ("return", ["n"], "..."),
]


# Corners worth pinning exactly: (topic, specs, shapes[, return spec, return shape]).
HANDWRITTEN_CASES = [
    ("broadcast-named", ["#a", "a+1"], [[3], [4]]),
    ("broadcast-named", ["#a", "a+1"], [[1], [2]]),
    ("broadcast-named", ["a", "#a"], [[1], [5]]),
    ("broadcast-named", ["a", "#a"], [[5], [1]]),
    ("broadcast-named", ["#a", "a"], [[1], [5]]),
    ("broadcast-named", ["#a", "a"], [[5], [1]]),
    ("broadcast-named", ["#a", "#a", "a"], [[1], [1], [7]]),
    ("broadcast-variadic", ["*#b", "*#b", "*b"], [[1, 3], [2, 1], [2, 3]]),
    ("broadcast-variadic", ["*#b", "*#b", "*b"], [[1, 3], [2, 1], [1, 3]]),
    ("broadcast-variadic", ["*#b", "*b"], [[1, 3], [4, 2, 3]]),
    ("broadcast-variadic", ["*b", "*#b"], [[4, 2, 3], [2, 1]]),
    ("broadcast-variadic", ["*b", "*#b"], [[2, 3], [4, 2, 3]]),
    ("broadcast-variadic", ["*#b", "*#b"], [[0], [1]]),
    ("broadcast-variadic", ["*#b", "*#b"], [[0], [2]]),
    ("expression", ["n", "n+1"], [[0], [1]]),
    ("expression", ["a b", "a//b"], [[5], [0]]),
    ("expression", ["a b", "a//b"], [[5, 0], [1]]),
    ("expression", ["a b", "a%b"], [[5, 0], [1]]),
    ("expression", ["a", "a-5"], [[3], [0]]),
    ("expression", ["n n+1"], [[2, 3]]),
    ("expression", ["n+1 n"], [[3, 2]]),
    ("expression", ["n *b n+1"], [[2, 7, 7, 3]]),
    ("expression", ["*b n+1 n"], [[3, 2]]),
    ("expression", ["*n", "n+1"], [[2], [3]]),
    ("expression", ["n *n", "*n n"], [[2, 5], [5, 2]]),
    ("expression", ["n *n", "*n n"], [[2, 5], [2, 5]]),
    ("expression", ["#n+1"], [[1]]),
    ("expression", ["#n+1"], [[2]]),
    ("expression", ["a b", "min(a,b) max(a,b)"], [[2, 5], [2, 5]]),
    ("expression", ["n"], [[4]], "n//2", [2]),
    ("expression", ["n"], [[5]], "n//2", [2]),
    ("expression", ["n"], [[4]], "-n+6", [2]),
    ("expression", ["n"], [[3]], "n-4", [1]),
    ("label", ["x=n", "n"], [[3], [3]]),
    ("label", ["x=n", "x"], [[3], [4]]),
    ("label", ["rows=3 cols=4"], [[3, 4]]),
    ("label", ["x=#3"], [[1]]),
    ("label", ["=3"], [[3]]),
    ("anonymous-variadic", ["...", "..."], [[1, 2], [3]]),
    ("anonymous-variadic", ["*_a", "*_a"], [[1, 2], [3]]),
    ("scalar", [""], [[]]),
    ("scalar", ["..."], [[]]),
    ("scalar", ["*b", "*b"], [[], [1]]),
    ("anonymous", ["_n", "_n"], [[2], [3]]),
    ("anonymous", ["_n n", "n"], [[2, 3], [3]]),
    ("tree-path", ["#?a"], [[1]]),
    ("tree-path", ["?_a"], [[4]]),
    ("tree-path", ["?*_ n"], [[4, 2]]),
    ("empty-name", ["*", "*"], [[2], [2]]),
    ("empty-name", ["*", "*"], [[2], [3]]),
    ("empty-name", ["=", "="], [[2], [3]]),
    ("fixed-forms", ["-1"], [[1]]),
    ("fixed-forms", ["#-1"], [[1]]),
    ("fixed-forms", ["3_0"], [[30]]),
    ("fixed-forms", ["\u0663"], [[3]]),
    ("return", ["n"], [[3]], "m n", [5, 3]),
    ("return", ["a b"], [[2, 3]], "b a", [2, 3]),
]


def dims_of(spec):
    cls = Float[Array, spec]
    return cls.dims


def shape_for(spec, sizes, variadics):
    shape = []
    for dim in dims_of(spec):
        if dim is _anonymous_dim:
            shape.append(rng.choice([1, 2, 5]))
        elif dim is _anonymous_variadic_dim:
            shape.extend(rng.choice([2, 3]) for _ in range(rng.randint(0, 2)))
        elif isinstance(dim, _NamedVariadicDim):
            sub = list(variadics.setdefault(dim.name, tuple(rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 2)))))
            if dim.broadcastable and rng.random() < 0.5:
                sub = [1 if rng.random() < 0.5 else s for s in sub]
                if sub and rng.random() < 0.3:
                    sub = sub[1:]
            shape.extend(sub)
        else:
            if isinstance(dim, _FixedDim):
                size = dim.size
            elif isinstance(dim, _NamedDim):
                size = sizes.setdefault(dim.name, rng.choice([0, 1, 2, 3, 4, 4, 6]))
            else:
                try:
                    size = eval(dim.elem, dict(sizes))
                except Exception:
                    size = rng.choice([1, 2, 3])
            if dim.broadcastable and rng.random() < 0.4:
                size = 1
            shape.append(size if isinstance(size, int) and size >= 0 else rng.choice([1, 2]))
    return shape


def perturb(shape):
    shape = list(shape)
    roll = rng.random()
    if roll < 0.2 and shape:
        i = rng.randrange(len(shape))
        shape[i] = rng.choice([s for s in [0, 1, 2, 3, 5, 6] if s != shape[i]])
    elif roll < 0.27:
        shape.insert(rng.randint(0, len(shape)), rng.choice([1, 3]))
    elif roll < 0.34 and shape:
        del shape[rng.randrange(len(shape))]
    return shape


def accepts(specs, shapes, return_spec=None, return_shape=None):
    namespace = {"Float": Float, "Array": Array}
    params = ", ".join(f"x{i}: Float[Array, {spec!r}]" for i, spec in enumerate(specs))
    returns = f" -> Float[Array, {return_spec!r}]" if return_spec is not None else ""
    exec(f"def f({params}){returns}:\n    return out\n", namespace)
    namespace["out"] = jnp.zeros(return_shape) if return_shape is not None else None
    f = jaxtyped(typechecker=beartype)(namespace["f"])
    try:
        f(*[jnp.zeros(shape) for shape in shapes])
    except Exception:
        return False
    return True


def check_cases():
    cases, seen = [], set()
    for topic, specs, shapes, *returns in HANDWRITTEN_CASES:
        case = {"topic": topic, "specs": specs, "shapes": shapes}
        if returns:
            case["returnSpec"], case["returnShape"] = returns
        seen.add(json.dumps(case, sort_keys=True))
        case["ok"] = accepts(specs, shapes, *returns)
        cases.append(case)
    for topic, specs, return_spec in TEMPLATES:
        made = 0
        for _ in range(40):
            if made == 5:
                break
            sizes, variadics = {}, {}
            shapes = [perturb(shape_for(spec, sizes, variadics)) for spec in specs]
            case = {"topic": topic, "specs": specs, "shapes": shapes}
            if return_spec is not None:
                case["returnSpec"] = return_spec
                case["returnShape"] = perturb(shape_for(return_spec, sizes, variadics))
            key = json.dumps(case, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            case["ok"] = accepts(specs, shapes, return_spec, case.get("returnShape"))
            cases.append(case)
            made += 1
    return cases


HANDWRITTEN_SPECS = [
    "", " ", "  a  b  ", "\ta\nb", "a\u00a0b", "a\u3000b", "a\u200bb", "a\x1cb", "a\x85b",
    "3", "03", "+3", "-3", "3_0", "3__0", "_3", "3_", "\u0663", "1" * 30,
    "a", "_", "_a", "__a", "a_", "é", "变量", "a1", "1a", "None", "if", "True",
    "#a", "##a", "a#", "#", "#3", "#_", "_#a", "#_a", "#1 a",
    "*a", "**a", "*#a", "#*a", "*_", "_*", "*_a", "*4", "*#4", "*", "#*", "*a *b", "*a ...", "... ...",
    "...", "....", "a...", "...a", "#...", "*...", "_...",
    "?a", "??a", "?4", "?_", "?*a", "*?a", "?a+1", "?...",
    "a=3", "a=b", "a=#3", "#a=3", "a=*b", "a=_", "a=", "=", "=3", "a==3", "a=b=3", "a=3 b=4", "_=3", "*=b",
    "a,b", "a, b", "min(a,b)", "max(a,b,2)", "abs(a-b)", "min(a)", "min()", "min(a,)", "len(a)", "(min)(a,b)",
    "n+1", "n-1", "2*a", "h*w", "a//2", "a%2", "(a+b)*2", "-n", "+n", "--n", "n+-1", "n+", "(n", "n)", "()",
    "n/2", "n**2", "{n}", "{n}+1", "n+01", "n+00", "n+1_0", "n+0x10", "n+1.5", "n if n else 1", "a.b",
    "a[0]", "a==b", "a<b", "n+True", "n+if", "#n+1", "*n+1", "_n+1", "n+1#", "#a b#",
    "a b c", "batch seq dim", "*batch c", "a ... b", "a b ,", "a,", ",",
]

TOKENS = ["a", "b", "n", "0", "1", "2", "_", "#", "*", "?", "=", "...", ".", ",", "+", "-",
          "(", ")", "//", "/", "%", " ", " ", "  ", "min(", "*#", "#*", "\u00e9", "\t"]

SUBSET_CHARS = re.compile(r"[\w+\-*/%(),]*")


def in_subset(text):
    if not SUBSET_CHARS.fullmatch(text) or "/" in text.replace("//", ""):
        return False
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return False
    arity = {"min": (2, 10**9), "max": (2, 10**9), "abs": (1, 1)}

    def ok(node, depth):
        if depth > 60:
            return False
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod)) and ok(
                node.left, depth + 1) and ok(node.right, depth + 1)
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, (ast.UAdd, ast.USub)) and ok(node.operand, depth + 1)
        if isinstance(node, ast.Name):
            return True
        if isinstance(node, ast.Constant):
            literal = ast.get_source_segment(text, node)
            return type(node.value) is int and node.value < 2**63 and re.fullmatch(r"[0-9_]+", literal)
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in arity and not node.keywords):
                return False
            low, high = arity[node.func.id]
            return (ast.get_source_segment(text, node).startswith(node.func.id + "(")
                    and low <= len(node.args) <= high
                    and all(not isinstance(a, ast.Starred) and ok(a, depth + 1) for a in node.args))
        return False

    return bool(ok(tree.body, 0))


def parse_verdict(spec):
    try:
        dims = dims_of(spec)
    except Exception as e:
        return {"spec": spec, "jaxtyping": "rejected", "reason": str(e).splitlines()[0]}
    symbolic = [d.elem for d in dims if isinstance(d, _SymbolicDim)]
    # Fixed sizes beyond a long are refused by Solstice: no tensor has them.
    representable = all(abs(d.size) < 2**63 for d in dims if isinstance(d, _FixedDim))
    supported = representable and all(in_subset(s) for s in symbolic)
    return {"spec": spec, "jaxtyping": "accepted", "supported": supported}


def parse_cases():
    specs = list(HANDWRITTEN_SPECS)
    seen = set(specs)
    while len(specs) < 2500:
        spec = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 7)))
        if spec not in seen:
            seen.add(spec)
            specs.append(spec)
    return [parse_verdict(spec) for spec in specs]


def write(name, source, key, items):
    path = RESOURCES / name
    with open(path, "w", encoding="utf-8") as out:
        out.write('{\n  "source": ' + json.dumps(source) + ',\n  "' + key + '": [\n')
        out.write(",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items))
        out.write("\n  ]\n}\n")
    print(f"wrote {len(items)} {key} to {path}")


if __name__ == "__main__":
    write("shape_cases_more.json",
          "jaxtyping 0.3.11 with beartype: each case calls f(x0, x1, ...) annotated Float[Array, spec_i] "
          "(and returning Float[Array, returnSpec] when given) under @jaxtyped; ok says whether "
          "jaxtyping accepted the call. Made by src/test/python/generate_shape_cases.py.",
          "cases", check_cases())
    write("shape_spec_parse.json",
          "jaxtyping 0.3.11: whether Float[Array, spec] raised when built (parse-time rejection); "
          "supported: every symbolic axis is in Solstice's expression subset. "
          "Made by src/test/python/generate_shape_cases.py.",
          "specs", parse_cases())
