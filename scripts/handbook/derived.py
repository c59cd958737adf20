"""Numbers the handbook works out from its sources, and the arithmetic that checks them.

``{derived}`about 1 in 10 <10.2%>``` shows "about 1 in 10" and says it comes from 10.2%;
``{derived}`7 percentage points <16.2 - 9.2>``` shows a difference. ``@key`` names the source
when the sentence cites none (as in an "In brief" box). Powers of ten (× 100, × 1,000, ÷ 10)
change units and need no source.

>>> d = parse_derived("about 1 in 10 <10.2% @khatib2024increased>")
>>> d.shown, d.expression, d.keys
('about 1 in 10', '10.2%', ('khatib2024increased',))
>>> evaluate("16.2 - 9.2"), agrees("7 percentage points", 7.0), agrees("one in six", 16.2)
(7.0, True, True)
>>> agrees("about 200 million", 204), agrees("19%", 19.6), agrees("9.2%", 9.24)
(True, False, True)
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from handbook.numeric import numbers, values

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "a hundred": 100, "a thousand": 1000}
_NUMBER_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_COUNT = rf"(?:{_NUMBER_WORD}|\d[\d,]*)"
#: "1 in 10", "one child in six", "two in every three adults".
SHARE = re.compile(rf"(?i)\b(?P<n>{_COUNT})\b(?:\s+[\w-]+){{0,3}}?\s+in\s+(?:every\s+)?"
                   rf"(?P<m>{_COUNT})\b")
#: A spelled-out share, which must be marked as derived: "one young child in six".
SPELLED_SHARE = re.compile(rf"(?i)\b(?:{_NUMBER_WORD})\b(?:\s+[\w-]+){{0,3}}?\s+in\s+"
                           rf"(?:every\s+)?(?:{_NUMBER_WORD})\b")
EXPLICIT = re.compile(r"^(?P<shown>.*?)\s*<(?P<expression>[^<>]*)>\s*$", re.DOTALL)
OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
             ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


@dataclass(frozen=True)
class Derived:
    """What a ``{derived}`` role says: the text shown, its arithmetic and named sources."""

    shown: str
    expression: str
    keys: tuple[str, ...] = ()

    @property
    def figures(self) -> set[Decimal]:
        """The source figures the arithmetic uses."""
        return values(self.expression)


def parse_derived(content: str) -> Derived | None:
    """Read ``shown <expression @key, key>``; ``None`` when there is no ``<...>`` part."""
    match = EXPLICIT.match(content.strip())
    if not match:
        return None
    expression, _, keys = match["expression"].partition("@")
    return Derived(match["shown"].strip(), expression.strip(),
                   tuple(k.strip() for k in keys.split(",") if k.strip()))


def is_unit_factor(value: Decimal) -> bool:
    """Powers of ten change units (a share to a percentage, a rate per 1,000, ten years):
    the arithmetic may use them without a source.

    >>> [is_unit_factor(Decimal(v)) for v in ("100", "1000000", "10", "12", "0.5")]
    [True, True, True, False, False]
    """
    if value <= 0 or value != value.to_integral_value():
        return False
    digits = str(int(value))
    return digits[0] == "1" and set(digits[1:]) <= {"0"}


def _count(word: str) -> int:
    return WORDS.get(word.lower(), 0) or int(word.replace(",", ""))


def evaluate(expression: str) -> float | None:
    """The value of +, -, *, / arithmetic on numbers (``%`` and ``,`` ignored), or ``None``."""
    text = (expression.replace("%", "").replace(",", "").replace("−", "-")
            .replace("×", "*").replace("÷", "/").replace("·", "."))
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise ValueError(node)

    try:
        return value(tree.body)
    except (ValueError, ZeroDivisionError):
        return None


def _rounds_to(result: float, written: str) -> bool:
    shown = Decimal(written.replace(",", ""))
    exact = Decimal(repr(abs(result)))
    places = -shown.as_tuple().exponent if "." in written else 0
    steps = [Decimal(1).scaleb(-places)]
    if places == 0:  # "about 200": rounded to the tens or hundreds is fine too
        digits = written.replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        steps += [Decimal(1).scaleb(k) for k in range(1, zeros + 1)]
    return any((exact / step).quantize(Decimal(1), ROUND_HALF_UP) * step == shown
               for step in steps)


def agrees(shown: str, result: float) -> bool:
    """Whether *shown* is *result* rounded to the precision it is written with.

    "N in M" is read as a share: M must be N × 100 / *result*, rounded. Otherwise the first
    number shown is the result ("92 per 1,000").
    """
    share = SHARE.search(shown)
    if share:
        n, m = _count(share["n"]), _count(share["m"])
        return result > 0 and round(n * 100 / result) == m
    written = numbers(shown)  # the first number is the result: "92 per 1,000"
    return bool(written) and _rounds_to(result, written[0].text)
