"""Mail CSS, cleaned from tokens (the sanitiser's CSS half).

Mail CSS is tokenised and parsed by tinycss2 (CSS Syntax Level 3, the same
grammar the browser uses), then written back out from the parsed tokens only:
every escape is resolved by the tokenizer and re-serialised canonically, so a
second pass gives the same text (a fixed point) and nothing the browser would
read differently survives (``u\\72l(``, ``@\\69mport``, braces inside strings).

What is kept:
- style rules whose every selector is re-scoped below the mail's box (``scope``);
  ``html``/``body``/``:root`` become the box itself, sibling selectors of the box
  are dropped, nested style rules are dropped;
- the at-rules of ``_GROUP_AT_RULES`` (their rules re-scoped, nesting bounded),
  ``@font-face`` and ``@keyframes``; every other at-rule (``@import``, ``@scope``,
  ``@layer``, ``@namespace``, ``@property``…) is dropped with its block;
- declarations whose functions are all on ``ALLOWED_FUNCTIONS``; ``url()`` goes
  through the caller's resource rewriting (placeholders before consent).

The work is linear: the input is capped by the caller's budget, the tokenizer has
no backtracking, and value and rule nesting are bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import tinycss2
from tinycss2 import ast
from tinycss2.serializer import BAD_PAIRS, serialize_identifier, serialize_string_value


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# @media in @supports in ...: deeper than this is not mail but an attempt to hang us.
MAX_CSS_NESTING = 8
# calc(min(var(...))) ...: values nested deeper than this are dropped.
MAX_VALUE_NESTING = 16
_GROUP_AT_RULES = frozenset({"media", "supports", "container"})
_KEYFRAMES = frozenset({"keyframes", "-webkit-keyframes"})
# Properties that run code or bind behaviour in some engine.
_DENIED_PROPERTIES = frozenset({"behavior", "behaviour", "-moz-binding", "-ms-behavior"})
# Everything else (expression(), image-set(), src(), element(), paint(), escaped or
# misspelt names such as "u\72l") makes its declaration invalid: it is dropped.
ALLOWED_FUNCTIONS = _words(
    """rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix light-dark calc min max
    clamp var env counter counters linear-gradient radial-gradient conic-gradient
    repeating-linear-gradient repeating-radial-gradient repeating-conic-gradient
    -webkit-linear-gradient -webkit-radial-gradient -moz-linear-gradient
    translate translatex translatey translatez translate3d rotate rotatex rotatey rotatez
    rotate3d scale scalex scaley scalez scale3d skew skewx skewy matrix matrix3d
    perspective cubic-bezier steps blur brightness contrast drop-shadow grayscale
    hue-rotate invert opacity saturate sepia minmax repeat fit-content rect inset circle
    ellipse polygon local format tech abs sign round mod rem sqrt pow"""
)
_SELECTOR_LITERALS = frozenset(
    {".", ",", ">", "+", "~", "*", ":", "|", "=", "~=", "|=", "^=", "$=", "*=", "-", "&"}
)
_PLAIN_TOKENS = frozenset(
    {"ident", "hash", "number", "percentage", "dimension", "whitespace", "unicode-range"}
)
# A last check on the written text (linear patterns only): code, and before consent any
# network URL left in a string (``content: "https://..."`` is inert, but say nothing).
_CODE = re.compile(r"javascript:|vbscript:|expression\s*\(|-moz-binding|behaviou?r\s*:", re.I)
_NETWORK = re.compile(r"https?:|//[a-z0-9]", re.I)

# A style attribute without these splits at every ';' into its declarations.
_NOT_SPLITTABLE = re.compile(r"[\"'\\(){}\[\]]|/\*")
# A declaration of plain tokens: an identifier, a number (with a unit or %) or a hash
# colour per word, words apart by whitespace or commas. Anything else (strings,
# functions, escapes, !important, unicode ranges...) goes through tinycss2.
_WS = r"[ \t\n\r\f]"
# (A unit "e" alone is written escaped, lest it read as an exponent: not plain.)
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:%|(?![eE](?![a-zA-Z]))[a-zA-Z]+)?"
_WORD = rf"(?:-?[a-zA-Z][a-zA-Z0-9-]*|#[a-zA-Z0-9]+|{_NUMBER})"
_SIMPLE_DECLARATION = re.compile(
    rf"{_WS}*([a-zA-Z][a-zA-Z0-9-]*){_WS}*:{_WS}*({_WORD}(?:(?:{_WS}+|{_WS}*,{_WS}*){_WORD})*){_WS}*"
)

Resource = Callable[[str], "str | None"]


class CssCleaner:
    """Cleans the CSS of one message; ``budget`` caps how many characters it reads."""

    def __init__(self, resource: Resource, *, scope: str, allow_remote: bool, budget: int) -> None:
        self.resource = resource
        self.scope = scope
        self.allow_remote = allow_remote
        self.budget = budget
        # Mail repeats the same style attribute (or <style>) thousands of times: each
        # distinct text is cleaned once.
        self._done: dict[tuple[str, str], str] = {}
        self._declarations_done: dict[str, str] = {}  # one declaration each

    def _take(self, css: str) -> str:
        css = css[: max(self.budget, 0)]
        self.budget -= len(css)
        return css

    # --- entry points ----------------------------------------------------------------
    def stylesheet(self, css: str) -> str:
        """A <style> element's text: rules re-scoped, only allow-listed at-rules."""
        done = self._done.get(("style", css))
        if done is None:
            nodes = tinycss2.parse_stylesheet(
                self._take(css), skip_comments=True, skip_whitespace=True
            )
            done = _html_safe("\n".join(self._rules(nodes, 0)))
            self._remember(("style", css), done)
        return done

    def declarations(self, css: str) -> str:
        """A style attribute: declarations only."""
        done = self._done.get(("attr", css))
        if done is None:
            if len(css) <= self.budget and _NOT_SPLITTABLE.search(css) is None:
                # No string, block, escape or comment: every ';' ends a declaration,
                # so each is cleaned on its own (the same text as a whole parse gives),
                # once per message: mail varies one value (padding:3px;color:#333)
                # among declarations it repeats.
                self.budget -= len(css)
                kept = (self._one_declaration(piece) for piece in css.split(";"))
                done = ";".join(d for d in kept if d)
            else:
                nodes = tinycss2.parse_blocks_contents(
                    self._take(css), skip_comments=True, skip_whitespace=True
                )
                done = _html_safe(self._declaration_block(nodes))
            self._remember(("attr", css), done)
        return done

    def _one_declaration(self, css: str) -> str:
        """One declaration's text (no ';' in it) cleaned; "" when dropped."""
        done = self._declarations_done.get(css)
        if done is None:
            match = _SIMPLE_DECLARATION.fullmatch(css)
            if match is not None:
                # Names, numbers, dimensions, colours, commas and whitespace only: the
                # tokens are written back as they came (tinycss2 would give the same
                # text, tests/unit/test_sanitize.py compares), then the same checks.
                name = match.group(1).lower()
                done = f"{name}:{match.group(2)}"
                if (
                    name in _DENIED_PROPERTIES
                    or _CODE.search(done)
                    or (not self.allow_remote and _NETWORK.search(done))
                ):
                    done = ""
            else:
                nodes = tinycss2.parse_blocks_contents(
                    css, skip_comments=True, skip_whitespace=True
                )
                done = _html_safe(self._declaration_block(nodes))
            self._declarations_done[css] = done
        return done

    def _remember(self, key: tuple[str, str], done: str) -> None:
        if self.budget > 0:  # a text cut by the budget was not cleaned whole: not reused
            self._done[key] = done

    # --- rules -----------------------------------------------------------------------
    def _rules(self, nodes: Iterable[ast.Node], depth: int) -> list[str]:
        out: list[str] = []
        for node in nodes:
            if node.type == "qualified-rule":
                selector = scope_selectors(node.prelude, self.scope)
                if selector and (self.allow_remote or not _NETWORK.search(selector)):
                    body = self._declaration_block(_contents(node.content))
                    out.append(f"{selector}{{{body}}}")
            elif node.type == "at-rule":
                rule = self._at_rule(node, depth)
                if rule:
                    out.append(rule)
        return out

    def _at_rule(self, node: ast.AtRule, depth: int) -> str | None:
        name = node.lower_at_keyword
        if node.content is None:
            return None  # @import, @charset, @namespace, @layer a; ...: statements go
        if name in _GROUP_AT_RULES:
            if depth >= MAX_CSS_NESTING:
                return None
            prelude = _serialize_prelude(node.prelude)
            if prelude is None:
                return None
            inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            return f"@{name} {prelude}{{{chr(10).join(self._rules(inner, depth + 1))}}}"
        if name == "font-face":
            if _strip(node.prelude):
                return None
            return f"@font-face{{{self._declaration_block(_contents(node.content))}}}"
        if name in _KEYFRAMES:
            return self._keyframes(node)
        return None  # @scope, @layer {...}, @document, @page, @property, unknown ...

    def _keyframes(self, node: ast.AtRule) -> str | None:
        prelude = _strip(node.prelude)
        if len(prelude) != 1 or prelude[0].type not in ("ident", "string"):
            return None
        name = prelude[0].value
        frames: list[str] = []
        for rule in tinycss2.parse_rule_list(
            node.content, skip_comments=True, skip_whitespace=True
        ):
            if rule.type != "qualified-rule":
                continue
            steps = _serialize_prelude(
                rule.prelude, allowed=("ident", "percentage", "literal", "whitespace")
            )
            if steps:
                frames.append(f"{steps}{{{self._declaration_block(_contents(rule.content))}}}")
        return f"@{node.lower_at_keyword} {_ident_or_string(name)}{{{''.join(frames)}}}"

    # --- declarations ----------------------------------------------------------------
    def _declaration_block(self, nodes: Iterable[ast.Node]) -> str:
        kept = (self._declaration(n) for n in nodes if n.type == "declaration")
        return ";".join(d for d in kept if d)

    def _declaration(self, decl: ast.Declaration) -> str | None:
        name = decl.lower_name if not decl.name.startswith("--") else decl.name
        if name in _DENIED_PROPERTIES:
            return None
        value = self._value(decl.value, 0)
        if value is None or not value.strip():
            return None
        text = f"{serialize_identifier(name)}:{value.strip()}"
        if decl.important:
            text += " !important"
        if _CODE.search(text) or (not self.allow_remote and _NETWORK.search(text)):
            return None
        return text

    def _value(self, tokens: Sequence[ast.Node], depth: int) -> str | None:
        """The tokens written back canonically, URLs rewritten; None drops the declaration."""
        if depth > MAX_VALUE_NESTING:
            return None
        out = _Writer()
        for token in tokens:
            kind = token.type
            if kind == "url":
                url = self._url(token.value)
                if url is None:
                    return None
                out.add("url", url)
            elif kind == "function":
                fname = token.lower_name
                if fname == "url":
                    args = _strip(token.arguments)
                    if len(args) != 1 or args[0].type != "string":
                        return None
                    url = self._url(args[0].value)
                    if url is None:
                        return None
                    out.add("url", url)
                    continue
                if fname not in ALLOWED_FUNCTIONS:
                    return None
                inner = self._value(token.arguments, depth + 1)
                if inner is None:
                    return None
                out.add("function", f"{fname}({inner})")
            elif kind in ("() block", "[] block"):
                inner = self._value(token.content, depth + 1)
                if inner is None:
                    return None
                out.add(kind, f"({inner})" if kind == "() block" else f"[{inner}]")
            elif kind == "string":
                out.add(kind, f'"{serialize_string_value(token.value)}"')
            elif kind in _PLAIN_TOKENS:
                out.add(kind, tinycss2.serialize([token]))
            elif kind == "literal" and token.value not in (";", "{", "}"):
                out.add(token.value, token.value)
            elif kind != "comment":  # {} blocks, at-keywords, bad strings/urls: not a value
                return None
        return out.text()

    def _url(self, target: str) -> str | None:
        rewritten = self.resource(target)
        if rewritten is None:
            return None
        return f'url("{serialize_string_value(rewritten)}")'


# --- selectors -------------------------------------------------------------------------


def scope_selectors(prelude: Sequence[ast.Node], scope: str) -> str | None:
    """A rule's selector list, each selector below ``scope``; None when none is kept."""
    kept: dict[str, None] = {}  # ordered, O(1) duplicates
    for selector in _split_commas(prelude):
        scoped = _scope_selector(selector, scope)
        if scoped:
            kept[scoped] = None
    return ", ".join(kept) if kept else None


def _scope_selector(tokens: list[ast.Node], scope: str) -> str | None:
    tokens = _strip(tokens)
    if not tokens or not _selector_tokens_ok(tokens):
        return None
    tokens = _strip_root(tokens)
    if not tokens:
        return scope  # html, body, :root: the mail's own box
    first = tokens[0]
    if first.type == "literal" and first.value in ("+", "~"):
        return None  # a sibling of the box: outside the mail
    text = _serialize_selector(tokens)
    if text is None:
        return None
    return f"{scope} {text}"


def _strip_root(tokens: list[ast.Node]) -> list[ast.Node]:
    """Drop a leading ``html``/``:root`` and ``body`` (each followed by a space or ``>``)."""
    i = 0
    for names in (("html", ":root"), ("body",)):
        j = i
        word = ""
        if j < len(tokens) and tokens[j].type == "literal" and tokens[j].value == ":":
            if j + 1 < len(tokens) and tokens[j + 1].type == "ident":
                word, j = ":" + tokens[j + 1].lower_value, j + 2
        elif j < len(tokens) and tokens[j].type == "ident":
            word, j = tokens[j].lower_value, j + 1
        if word not in names:
            continue
        if (
            j < len(tokens)
            and tokens[j].type != "whitespace"
            and not (tokens[j].type == "literal" and tokens[j].value in (">", "+", "~"))
        ):
            continue  # html.dark, body:hover ...: a compound selector, left as it is
        k = j
        while k < len(tokens) and tokens[k].type == "whitespace":
            k += 1
        child = k < len(tokens) and tokens[k].type == "literal" and tokens[k].value == ">"
        if child and names == ("html", ":root"):  # "body > p" keeps "> p": the box's children
            k += 1
            while k < len(tokens) and tokens[k].type == "whitespace":
                k += 1
        i = k
    return _strip(tokens[i:])


def _selector_tokens_ok(tokens: Iterable[ast.Node], depth: int = 0, quoted: bool = False) -> bool:
    """Only what selectors are made of; strings only as attribute values (``[a="b"]``)."""
    if depth > MAX_VALUE_NESTING:
        return False
    for token in tokens:
        kind = token.type
        if kind in ("ident", "hash", "whitespace", "number", "dimension", "percentage", "comment"):
            continue
        if kind == "string" and quoted:
            continue
        if kind == "literal" and token.value in _SELECTOR_LITERALS:
            continue
        if kind == "[] block" and _selector_tokens_ok(token.content, depth + 1, quoted=True):
            continue
        if kind == "function" and _selector_tokens_ok(token.arguments, depth + 1, quoted):
            continue
        return False  # url(), {}, ;, @, bad strings: not a selector
    return True


def _serialize_selector(tokens: Iterable[ast.Node], depth: int = 0) -> str | None:
    """Canonical text; Holub's own class and id names ("holub-…") renamed."""
    if depth > MAX_VALUE_NESTING:
        return None
    out = _Writer()
    for token in tokens:
        kind = token.type
        if kind == "ident":
            out.add(kind, serialize_identifier(_rename(token.value)))
        elif kind == "hash":
            out.add(kind, "#" + serialize_identifier(_rename(token.value)))
        elif kind == "string":
            out.add(kind, f'"{serialize_string_value(token.value)}"')
        elif kind == "[] block":
            inner = _serialize_selector(token.content, depth + 1)
            if inner is None:
                return None
            out.add(kind, f"[{inner}]")
        elif kind == "function":
            inner = _serialize_selector(token.arguments, depth + 1)
            if inner is None:
                return None
            out.add(kind, f"{serialize_identifier(token.lower_name)}({inner})")
        elif kind == "whitespace":
            out.add(kind, " ")
        elif kind == "literal":
            out.add(token.value, token.value)
        elif kind != "comment":
            out.add(kind, tinycss2.serialize([token]))
    return out.text()


def _rename(name: str) -> str:
    return "x-" + name if name.lower().startswith("holub-") else name


# --- helpers ---------------------------------------------------------------------------


def _contents(content: Sequence[ast.Node] | None) -> list[ast.Node]:
    if not content:
        return []
    return tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)


def _strip(tokens: Sequence[ast.Node] | None) -> list[ast.Node]:
    tokens = list(tokens or [])
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[start:end]


def _split_commas(tokens: Sequence[ast.Node]) -> list[list[ast.Node]]:
    parts: list[list[ast.Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


_PRELUDE_KINDS = (
    "ident",
    "number",
    "dimension",
    "percentage",
    "whitespace",
    "literal",
    "() block",
    "function",
)


def _serialize_prelude(
    tokens: Sequence[ast.Node], allowed: tuple[str, ...] = _PRELUDE_KINDS, depth: int = 0
) -> str | None:
    """An at-rule's condition (media query, supports test) or keyframe steps: no URLs."""
    if depth > MAX_VALUE_NESTING:
        return None
    out = _Writer()
    for token in _strip(tokens) if depth == 0 else tokens:
        kind = token.type
        if kind == "comment":
            continue
        if kind not in allowed:
            return None
        if kind == "literal" and token.value in (";", "{", "}"):
            return None
        if kind == "() block":
            inner = _serialize_prelude(token.content, allowed, depth + 1)
            if inner is None:
                return None
            out.add(kind, f"({inner})")
        elif kind == "function":
            if token.lower_name not in ALLOWED_FUNCTIONS | {"selector"}:
                return None
            inner = _serialize_prelude(token.arguments, allowed, depth + 1)
            if inner is None:
                return None
            out.add(kind, f"{serialize_identifier(token.lower_name)}({inner})")
        elif kind == "whitespace":
            out.add(kind, " ")
        elif kind == "literal":
            out.add(token.value, token.value)
        else:
            out.add(kind, tinycss2.serialize([token]))
    return out.text()


class _Writer:
    """Joins serialised tokens the way tinycss2.serialize does: where two tokens would
    run together into another one (``url`` + ``(…)`` is a URL token, ``a`` + ``b`` one
    identifier), an empty comment keeps them apart; after a ``\\`` delimiter, a newline
    (else it would escape what follows)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.previous: str | None = None

    def add(self, kind: str, text: str) -> None:
        if (self.previous, kind) in BAD_PAIRS:
            self.parts.append("/**/")
        elif self.previous == "\\":
            self.parts.append("\n")
        self.parts.append(text)
        self.previous = kind

    def text(self) -> str:
        return "".join(self.parts)


def _ident_or_string(name: str) -> str:
    return serialize_identifier(name) if name else '""'


def _html_safe(css: str) -> str:
    """Inside <style>, ``<`` could end the element (``</style>``): CSS never needs it raw.

    ``\\<`` (an escaped character in an identifier) and a bare ``<`` (in a string or a
    delimiter) both become the escape ``\\3c `` the tokenizer reads back as ``<``.
    """
    return css.replace("\\<", "\\3c ").replace("<", "\\3c ")
