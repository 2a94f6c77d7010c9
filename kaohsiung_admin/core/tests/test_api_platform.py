import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(client):
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid document
    assert "/api/v1/calendar/overrides/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_docs_page_serves_swagger_from_our_own_static_files(client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "//unpkg" not in page and "jsdelivr" not in page


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_server_errors_are_json_under_api_and_a_page_elsewhere(rf):
    from kaohsiung_admin import urls as project_urls

    api = project_urls.handler500(rf.get("/api/v1/facilities/bookings/"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert api.content.decode().startswith('{"status": 500')
    page = project_urls.handler500(rf.get("/facilities/"))
    assert page.status_code == 500 and "text/html" in page["Content-Type"]
