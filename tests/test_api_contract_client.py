"""A bureau's developer generates a client from /api/schema/ with openapi-python-client and uses it
as generated, without a hand edit: it imports, and every collection (each `*_list` operation,
and `me`) answers 200 and parses into the generated models (issue 16.13)."""

import datetime
import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_api_contract_fuzz import full_token

VENV_BIN = Path(sys.executable).parent


@pytest.mark.django_db(transaction=True)
def test_generated_client_imports_and_reads_every_collection(live_server, issue_token, settings, tmp_path, client):
    from kaohsiung_admin.core.models import CalendarOverride

    settings.API_THROTTLE_RATE = settings.API_ANON_THROTTLE_RATE = "1000000/min"
    CalendarOverride.objects.create(date=datetime.date(2026, 9, 28), is_working_day=False, reason="颱風停班")
    key = full_token(issue_token)
    schema = client.get("/api/schema/?format=json", HTTP_AUTHORIZATION=f"Token {key}")
    assert schema.status_code == 200
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema.json()), encoding="utf-8")

    command = [str(VENV_BIN / "openapi-python-client"), "generate", "--path", str(path), "--meta", "none"]
    command += ["--output-path", str(tmp_path / "bureau_client")]
    env = {**os.environ, "PATH": f"{VENV_BIN}:{os.environ['PATH']}"}
    generated = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Unable to parse" not in generated.stdout + generated.stderr, generated.stdout + generated.stderr

    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("bureau_client")
        api = importlib.import_module("bureau_client.api")
        bureau = package.AuthenticatedClient(base_url=live_server.url, token=key, prefix="Token")
        called = {}
        for tag in pkgutil.iter_modules(api.__path__):
            tag_package = importlib.import_module(f"bureau_client.api.{tag.name}")
            for operation in pkgutil.iter_modules(tag_package.__path__):
                if not (operation.name.endswith("_list") or operation.name == "me_retrieve"):
                    continue
                module = importlib.import_module(f"bureau_client.api.{tag.name}.{operation.name}")
                required = [
                    name
                    for name, parameter in inspect.signature(module.sync_detailed).parameters.items()
                    if parameter.default is inspect.Parameter.empty and name != "client"
                ]
                if required:  # a nested collection (check-rounds/{id}/items/): its parent is listed
                    continue
                response = module.sync_detailed(client=bureau)
                called[operation.name] = response.status_code
                assert response.status_code == 200, (operation.name, response.content[:500])
                assert response.parsed is not None and not hasattr(response.parsed, "code"), operation.name
        collections = {
            operation["operationId"]
            for url, methods in schema.json()["paths"].items()
            for method, operation in methods.items()
            if method == "get" and "{" not in url and operation["operationId"].endswith(("_list", "me_retrieve"))
        }
        assert set(called) == collections and len(called) >= 20, sorted(collections - set(called))
        overrides = importlib.import_module("bureau_client.api.calendar.calendar_overrides_list")
        page = overrides.sync(client=bureau)
        assert page.results[0].date == datetime.date(2026, 9, 28) and page.results[0].reason == "颱風停班"
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.startswith("bureau_client")]:
            del sys.modules[name]
