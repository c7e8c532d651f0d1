"""CLI: `rules list|add|remove|enable|disable|run` and `templates add|list` (R15).

Exit codes: 0 ok, 1 failure (one line on stderr), 2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli import open_profile_from
from desktop.errors import InvalidInput
from desktop.models.rules import ACTION_ARGS, ACTIONS, APPLIES, FORWARD

_FORWARD_MODES = ("inline", "attached")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    rules = sub.add_parser("rules", help="automatic rules: a filter, actions, for new mail")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="RULES_COMMAND", required=True)

    p = rules_sub.add_parser("list", help="the rules in the order they run")
    p.add_argument("--mailbox", type=int, help="only rules that apply to this mailbox")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = rules_sub.add_parser(
        "add",
        help="add a rule (active at once for new mail)",
        epilog="actions: mark-read, delete, label NAME, move FOLDER, save-attachments DIR, "
        "create-task, forward ADDR [inline|attached], reply TEMPLATE_NAME, comment",
    )
    p.add_argument("--name", required=True)
    p.add_argument("--mailbox", type=int, help="the mailbox (default: all mailboxes)")
    p.add_argument("--applies", choices=APPLIES, default="received")
    p.add_argument("--filter", required=True, metavar="QUERY", help="a search query")
    p.add_argument(
        "--action",
        action="append",
        nargs="+",
        required=True,
        metavar="ACTION [ARG]",
        help="an action and its argument; repeat for several",
    )
    p.add_argument("--stop", action="store_true", help="stop processing further rules")
    p.add_argument("--disabled", action="store_true", help="save it switched off")
    p.set_defaults(func=cmd_add, parser=p)

    p = rules_sub.add_parser("remove", help="delete a rule")
    p.add_argument("rule_id", type=int)
    p.set_defaults(func=cmd_remove)

    for name in ("enable", "disable"):
        p = rules_sub.add_parser(name, help=f"{name} a rule")
        p.add_argument("rule_id", type=int)
        p.set_defaults(func=cmd_enable, enabled=name == "enable")

    p = rules_sub.add_parser("run", help="apply a rule to existing mail now; prints the count")
    p.add_argument("rule_id", type=int)
    p.add_argument("--count-only", action="store_true", help="only say how many it would touch")
    p.set_defaults(func=cmd_run)

    templates = sub.add_parser("templates", help="reply templates for rules")
    t_sub = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    p = t_sub.add_parser(
        "add", help="add a template ({sender_name}, {subject}, {date} are filled in)"
    )
    p.add_argument("name")
    p.add_argument("--subject", default="")
    p.add_argument("--body-file", required=True, help="a UTF-8 text file, or - for stdin")
    p.set_defaults(func=cmd_templates_add)
    p = t_sub.add_parser("list", help="the templates")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_templates_list)


def parse_action_args(
    parser: argparse.ArgumentParser, given: list[list[str]]
) -> list[list[str | None]]:
    """`--action label NAME` → [["label", "NAME"]]; wrong shapes are usage errors."""
    out: list[list[str | None]] = []
    for words in given:
        action, args = words[0], words[1:]
        if action not in ACTIONS:
            parser.error(f"unknown action {action!r} (choose from {', '.join(ACTIONS)})")
        if action == FORWARD and len(args) == 2 and args[1] in _FORWARD_MODES:
            args = [args[0] + (" attached" if args[1] == "attached" else "")]
        wanted = 1 if action in ACTION_ARGS else 0
        if len(args) != wanted:
            what = f"one argument ({ACTION_ARGS[action]})" if wanted else "no argument"
            parser.error(f"the action {action} takes {what}")
        out.append([action, args[0] if args else None])
    return out


def _rule_row(rule) -> dict:
    return {
        "id": rule.id,
        "position": rule.position,
        "name": rule.name,
        "enabled": bool(rule.enabled),
        "mailbox_id": rule.mailbox_id,
        "applies": rule.applies,
        "filter": rule.filter.query,
        "actions": [[a, arg] if arg is not None else [a] for a, arg in rule.actions],
        "stop": bool(rule.stop),
        "touched": rule.touched,
        "last_run": rule.last_run_at.isoformat(timespec="seconds") + "Z"
        if rule.last_run_at
        else None,
        "last_error": rule.last_error,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    open_profile_from(args)
    rows = [_rule_row(r) for r in rules.list_rules(args.mailbox)]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    for row in rows:
        actions = ", ".join(" ".join(a) for a in row["actions"])
        state = "on " if row["enabled"] else "off"
        where = f"mailbox {row['mailbox_id']}" if row["mailbox_id"] else "all mailboxes"
        print(
            f"{row['id']}\t{state}\t{row['name']}\t{row['applies']}, {where}\t"
            f"{row['filter']}\t{actions}{' (stop)' if row['stop'] else ''}\t"
            f"{row['touched']} messages"
            + (f"\tlast error: {row['last_error']}" if row["last_error"] else "")
        )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    actions = parse_action_args(args.parser, args.action)
    open_profile_from(args)
    rule, _ = rules.add_rule(
        args.name,
        args.filter,
        actions,
        applies=args.applies,
        mailbox_id=args.mailbox,
        stop=args.stop,
        enabled=not args.disabled,
    )
    print(f"rule {rule.id} added")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    open_profile_from(args)
    rules.remove_rule(args.rule_id)
    print(f"rule {args.rule_id} removed")
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    open_profile_from(args)
    rules.set_enabled(args.rule_id, args.enabled)
    print(f"rule {args.rule_id} {'enabled' if args.enabled else 'disabled'}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from desktop.changes import bus
    from desktop.crm import rules
    from desktop.services import rule_jobs

    open_profile_from(args)
    if args.count_only:
        print(f"{rules.pending_count(args.rule_id)} messages")
        return 0
    count, changes = rules.run_now(args.rule_id)
    bus.publish(changes)
    print(f"{count} messages")
    # Outside effects (forward, reply, CRM, files) run now rather than in the background.
    report = rule_jobs.run_due_jobs()
    if report.done or report.failed or report.skipped or report.retrying:
        print(
            f"actions: {len(report.done)} done, {len(report.skipped)} skipped, "
            f"{len(report.retrying)} to retry, {len(report.failed)} failed"
        )
    if report.failed:
        print(
            f"holub: {len(report.failed)} action(s) failed; the reason is on the rule "
            f"(`rules list`)",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_templates_add(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    try:
        if args.body_file == "-":
            body = sys.stdin.read()
        else:
            body = Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {args.body_file}: {exc}") from exc
    open_profile_from(args)
    template = rules.add_template(args.name, args.subject, body)
    print(f"template {template.id} added")
    return 0


def cmd_templates_list(args: argparse.Namespace) -> int:
    from desktop.crm import rules

    open_profile_from(args)
    for t in rules.list_templates():
        if args.json:
            row = {"id": t.id, "name": t.name, "subject": t.subject, "body": t.body}
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{t.id}\t{t.name}\t{t.subject}")
    return 0
