"""deploy/k8s/doro.yaml stays what docs/deploy.md says: probes on /healthz,
the index mounted read-only, the Service and HPA pointing at the Deployment,
and `doro serve` flags that exist."""

import subprocess

import pytest

from conftest import SOURCE_DIR

yaml = pytest.importorskip("yaml")


def test_manifest(doro_bin):
    docs = list(yaml.safe_load_all((SOURCE_DIR / "deploy/k8s/doro.yaml").read_text()))
    by_kind = {d["kind"]: d for d in docs}
    assert set(by_kind) == {"Deployment", "Service", "HorizontalPodAutoscaler"}
    deploy = by_kind["Deployment"]
    pod = deploy["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
    (mount,) = container["volumeMounts"]
    assert mount["readOnly"] is True
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    assert volume["persistentVolumeClaim"]["readOnly"] is True
    args = container["args"]
    assert args[0] == "serve" and args[args.index("--db") + 1].startswith(mount["mountPath"] + "/")
    help_text = subprocess.run([str(doro_bin), "serve", "--help"], capture_output=True, text=True).stdout
    for flag in [a for a in args if a.startswith("--")]:
        assert flag in help_text, flag
    labels = deploy["spec"]["template"]["metadata"]["labels"]
    assert by_kind["Service"]["spec"]["selector"] == labels
    assert deploy["spec"]["selector"]["matchLabels"] == labels
    ports = {p["name"] for p in container["ports"]}
    assert by_kind["Service"]["spec"]["ports"][0]["targetPort"] in ports
    target = by_kind["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deploy["metadata"]["name"])
    assert container["resources"]["requests"]["cpu"]  # HPA utilization needs a CPU request
