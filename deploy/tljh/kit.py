"""The kit on The Littlest JupyterHub: copy this file to
/opt/tljh/config/jupyterhub_config.d/kit.py and run `sudo tljh-config reload hub`.

Each person who logs in gets a system account of their own (jupyter-<name>) with a home
folder only they can read, where their journal lives. The therapist's account is put in the
group kit-inbox, which can read the clients' folders in /srv/kit-inbox and nothing else.
Edit THERAPISTS (and the title, if you like) below; see deploy/tljh/README.md.
"""

from tljh import user
from tljh.normalize import generate_system_username

from kit.app.hub import configure_hub

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

# The hub user names of the therapists; everyone else who can log in is a client.
THERAPISTS = {"therapist"}
INBOX = "/srv/kit-inbox"
INBOX_GROUP = "kit-inbox"
USER_PYTHON = "/opt/tljh/user/bin/python"
# Your content folder (only the files you change, read over the kit's own; see
# docs/adapting.md), readable by every user's account, e.g. "/srv/kit-content"; None: the
# kit's own words.
CONTENT = None


def system_account(spawner) -> str:
    """The client's system account, made now if this is their first log-in (the hook runs
    before TLJH's own spawner would make it)."""
    account = generate_system_username("jupyter-" + spawner.user.name)
    user.ensure_user(account)
    return account


user.ensure_group(INBOX_GROUP)
# The therapist's account joins the inbox group each time their server starts.
c.UserCreatingSpawner.user_groups = {INBOX_GROUP: sorted(THERAPISTS)}

configure_hub(
    c,
    therapists=THERAPISTS,
    inbox_root=INBOX,
    inbox_owner=system_account,
    inbox_group=INBOX_GROUP,
    server_command=[USER_PYTHON, "-m", "kit", "hub-server"],
    title="Journal",
    content=CONTENT,
    cull_servers_after=None,  # TLJH runs jupyterhub-idle-culler itself (tljh-config)
)
