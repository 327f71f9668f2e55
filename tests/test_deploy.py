"""deploy/: the TLJH and Kubernetes configurations run as the hubs would run them (with
TLJH's and KubeSpawner's parts stood in for), and say what they should. The local
configuration is run for real by tests/hub."""

from __future__ import annotations

import grp
import os
import pwd
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from traitlets.config import Config

from kit import settings
from kit.app.hub import START_PAGE

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _spawn(hook, name: str, **extra) -> SimpleNamespace:
    spawner = SimpleNamespace(
        user=SimpleNamespace(name=name), environment={}, default_url="/", **extra
    )
    hook(spawner)
    return spawner


@pytest.fixture
def tljh(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """Stand-ins for TLJH's user module (recording what it is asked to do)."""
    calls = SimpleNamespace(users=[], groups=[])
    tljh = types.ModuleType("tljh")
    user = types.ModuleType("tljh.user")
    user.ensure_user = calls.users.append
    user.ensure_group = calls.groups.append
    normalize = types.ModuleType("tljh.normalize")
    normalize.generate_system_username = lambda name: name
    tljh.user, tljh.normalize = user, normalize
    for module in (tljh, user, normalize):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    return calls


def test_tljh_config(tljh: SimpleNamespace, tmp_path: Path) -> None:
    """Does the TLJH file start kit hub-server with the users' Python, put the therapist
    in the inbox group, and give each client a folder of their own, closed to others?"""
    me = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    source = (DEPLOY / "tljh" / "kit.py").read_text()
    for old, new in (('"/srv/kit-inbox"', repr(str(tmp_path / "inbox"))),
                     ('"kit-inbox"', repr(group))):  # fmt: skip
        assert old in source
        source = source.replace(old, new)
    # TLJH would make the account "jupyter-<name>"; here it is one that exists: our own.
    asked: list[str] = []
    sys.modules["tljh.normalize"].generate_system_username = lambda name: asked.append(name) or me
    c = Config()
    exec(compile(source, "kit.py", "exec"), {"get_config": lambda: c})  # noqa: S102
    assert c.Spawner.cmd == ["/opt/tljh/user/bin/python", "-m", "kit", "hub-server"]
    assert c.UserCreatingSpawner.user_groups == {group: ["therapist"]}
    assert tljh.groups == [group]

    client = _spawn(c.Spawner.pre_spawn_hook, "client1")
    assert asked == ["jupyter-client1"]
    assert tljh.users == [me]
    given = settings.decode(client.environment["KIT_CONFIG"]).given()
    folder = Path(given["share_inbox"])
    assert folder == tmp_path / "inbox" / "client1"
    assert "data_dir" not in given, "the journal stays in the user's home"
    assert oct(folder.stat().st_mode & 0o7777) == oct(0o2770)
    assert oct(folder.parent.stat().st_mode & 0o777) == oct(0o751)
    therapist = _spawn(c.Spawner.pre_spawn_hook, "therapist")
    given = settings.decode(therapist.environment["KIT_CONFIG"]).given()
    assert given["therapist_inbox"] == str(tmp_path / "inbox")


@pytest.fixture
def z2jh() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text())


def test_z2jh_values(z2jh: dict) -> None:
    """Are the chart's values the ones the guide describes?"""
    single = z2jh["singleuser"]
    assert single["cmd"] == ["kit", "hub-server"]
    assert single["defaultUrl"] == f"/voila/render/{START_PAGE}"
    assert single["storage"]["type"] == "dynamic"
    assert single["extraEnv"]["JUPYTERHUB_DISABLE_USER_CONFIG"] == "1"
    assert z2jh["cull"]["enabled"] is True
    assert not any(single["networkPolicy"]["egressAllowRules"].values())
    import re

    pattern = z2jh["hub"]["config"]["Authenticator"]["username_pattern"]
    from kit.app.hub import USERNAME_PATTERN

    assert pattern == USERNAME_PATTERN
    assert not re.fullmatch(pattern, "../other")


def test_z2jh_hook_mounts_only_the_clients_own_folder(z2jh: dict) -> None:
    """Does the hub's hook mount only a client's own inbox folder, and the whole inbox,
    read-only, for the therapist, without changing the shared lists it started from?"""
    c = Config()
    exec(z2jh["hub"]["extraConfig"]["kit"], {"c": c})  # noqa: S102
    hook = c.KubeSpawner.pre_spawn_hook
    volumes: list = []
    mounts: list = []
    client = _spawn(hook, "client1", volumes=volumes, volume_mounts=mounts)
    assert client.volume_mounts == [
        {"name": "kit-inbox", "mountPath": "/srv/kit-inbox/mine", "subPath": "{username}"}
    ]
    assert set(client.environment) == {"KIT_CONFIG"}
    given = settings.decode(client.environment["KIT_CONFIG"]).given()
    assert given["share_inbox"] == "/srv/kit-inbox/mine"
    assert "therapist_inbox" not in given
    assert client.volumes[0]["persistentVolumeClaim"]["claimName"] == "kit-inbox"
    assert volumes == []
    assert mounts == []
    therapist = _spawn(hook, "therapist", volumes=[], volume_mounts=[])
    assert therapist.volume_mounts[0]["readOnly"] is True
    assert settings.decode(therapist.environment["KIT_CONFIG"]).role == "therapist"
    assert therapist.default_url == "/voila/render/inbox.ipynb"


def test_z2jh_image_and_volume() -> None:
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text()
    assert '"/tmp/kit[hub]"' in dockerfile
    assert 'CMD ["kit", "hub-server"]' in dockerfile
    assert "USER 1000" in dockerfile
    claim = yaml.safe_load((DEPLOY / "z2jh" / "inbox-pvc.yaml").read_text())
    assert claim["metadata"]["name"] == "kit-inbox"
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


def test_every_guide_link_points_at_a_file() -> None:
    import re

    for guide in DEPLOY.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+)\)", guide.read_text()):
            assert (guide.parent / target).exists(), f"{guide}: {target}"


def test_idle_servers_are_stopped_where_the_hub_does_not_already(tmp_path: Path) -> None:
    """Does the kit's hub run jupyterhub-idle-culler with only the rights it needs, and
    does the TLJH configuration leave it to TLJH's own culler?"""
    from traitlets.config import Config

    from kit.app.hub import IDLE_CULLER, HubSetupError, configure_hub

    c = Config()
    configure_hub(c, therapists=["therapist"], inbox_root=tmp_path, cull_servers_after=1800)
    (service,) = c.JupyterHub.services
    assert service["name"] == IDLE_CULLER
    assert service["command"][1:4] == ["-m", "jupyterhub_idle_culler", "--timeout=1800"]
    (role,) = c.JupyterHub.load_roles
    assert role["services"] == [IDLE_CULLER]
    assert set(role["scopes"]) == {"list:users", "read:users:activity", "read:servers",
                                   "delete:servers"}  # fmt: skip
    none = Config()
    configure_hub(none, therapists=[], inbox_root=tmp_path, cull_servers_after=None)
    assert "services" not in none.JupyterHub
    with pytest.raises(HubSetupError, match="at least 60 seconds"):
        configure_hub(Config(), therapists=[], inbox_root=tmp_path, cull_servers_after=5)
    assert "cull_servers_after=None" in (DEPLOY / "tljh" / "kit.py").read_text()
    assert "KIT_CULL_SERVERS" in (DEPLOY / "local" / "jupyterhub_config.py").read_text()
    assert "cull:\n  enabled: true" in (DEPLOY / "z2jh" / "config.yaml").read_text()
