"""Authentication: AK/SK signatures, temporary credentials, IAM tokens and projects."""
import datetime
import json

from conftest import OTHER_PROJECT_ID, PROJECT_ID

LIST = f"/v3.1/{PROJECT_ID}/instances"
IAM_BODY = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    "name": "emulator", "password": "Emulator-Passw0rd", "domain": {"name": "emulator"}}}},
    "scope": {"project": {"name": "cn-north-4"}}}}


def _refused(resp, fragment):
    assert resp.status_code == 401, resp.text
    body = resp.json()
    assert body["error_code"] == "APIGW.0301" and fragment in body["error_msg"] and body["request_id"]


def test_signer_matches_the_documented_examples():
    # Worked examples A and B of the shared auth digest (output of the official signer, fake keys).
    from tests.emulator.huawei.auth import expected_signature
    sk = "ExampleSecretKey0000000000000000000000001"
    base = {"host": "gaussdb.cn-north-4.myhuaweicloud.com", "x-project-id": PROJECT_ID,
            "x-sdk-date": "20240911T080000Z"}
    sig = expected_signature("HPUAEXAMPLEAK0000001", sk, "GET", f"/v3/{PROJECT_ID}/instances",
                             "offset=0&limit=10&name=my%20db%2F01&datastore_type=gaussdb-mysql",
                             dict(base, **{"content-type": "application/json"}), b"")
    assert sig == "c5efd7a2e43d452ea23c1951d3eeee95f3bfc3809cc0388636db10d38a1f2a35"
    body = json.dumps({"databases": [{"name": "db_01", "character_set": "utf8mb4", "comment": "test"}]}).encode()
    sig = expected_signature("HPUAEXAMPLEAK0000001", sk, "POST",
                             f"/v3/{PROJECT_ID}/instances/5f7e4a2b3c1d4e5f8a9b0c1d2e3f4a5bin07/databases", "",
                             dict(base, **{"content-type": "application/json;charset=UTF-8"}), body)
    assert sig == "3039f4955fc3828c9bc5ccea79101e882f5eb99522c8710700929f18db730273"


def test_signature_failures(emu):
    assert emu.signed("GET", LIST).status_code == 200
    _refused(emu.http.get(emu.url + LIST, verify=emu.ca), "x-auth-token not found")
    _refused(emu.signed("GET", LIST, sk="wrong"), "verify aksk signature fail")
    _refused(emu.signed("GET", LIST, ak="UNKNOWNAK"), "ak not exist")
    old = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)).strftime("%Y%m%dT%H%M%SZ")
    _refused(emu.signed("GET", LIST, sign_date=old), "15 minutes")
    # Query and body are covered by the signature.
    resp = emu.signed("GET", LIST, params={"limit": 5})
    assert resp.status_code == 200
    tampered = emu.http.get(resp.request.url.replace("limit=5", "limit=6"), headers=dict(resp.request.headers),
                            verify=emu.ca)
    _refused(tampered, "verify aksk signature fail")


def test_temporary_credentials_need_their_token(emu):
    sts = {"ak": "EMULATORSTSAK0000001", "sk": "emulator-sts-secret"}
    _refused(emu.signed("GET", LIST, **sts), "X-Security-Token")
    ok = emu.signed("GET", LIST, headers={"X-Security-Token": "emulator-security-token"}, **sts)
    assert ok.status_code == 200


def test_project_must_match_the_credential(emu):
    resp = emu.signed("GET", f"/v3.1/{OTHER_PROJECT_ID}/instances")  # X-Project-Id is the first project
    assert resp.status_code == 403 and resp.json()["error_code"] == "DBS.200010"
    resp = emu.signed("GET", f"/v3.1/{OTHER_PROJECT_ID}/instances", headers={"X-Project-Id": OTHER_PROJECT_ID})
    assert resp.status_code == 200 and resp.json()["total_count"] == 0


def test_iam_token_flow(emu):
    resp = emu.http.post(f"{emu.url}/v3/auth/tokens", json=IAM_BODY, verify=emu.ca, params={"nocatalog": "true"})
    assert resp.status_code == 201
    token = resp.headers["X-Subject-Token"]
    body = resp.json()["token"]
    assert body["project"] == {"id": PROJECT_ID, "name": "cn-north-4", "domain": body["user"]["domain"]}
    assert body["expires_at"].endswith("Z") and "catalog" not in body
    ok = emu.http.get(emu.url + LIST, headers={"X-Auth-Token": token}, verify=emu.ca)
    assert ok.status_code == 200 and ok.headers["X-Request-Id"]
    other = emu.http.get(f"{emu.url}/v3.1/{OTHER_PROJECT_ID}/instances", headers={"X-Auth-Token": token},
                         verify=emu.ca)
    assert other.status_code == 403
    _refused(emu.http.get(emu.url + LIST, headers={"X-Auth-Token": token[:-4] + "AAAA"}, verify=emu.ca),
             "decrypt token fail")
    projects = emu.http.get(f"{emu.url}/v3/projects", params={"name": "cn-east-3"}, headers={"X-Auth-Token": token},
                            verify=emu.ca).json()["projects"]
    assert [p["id"] for p in projects] == [OTHER_PROJECT_ID]


def test_iam_wrong_password(emu):
    bad = json.loads(json.dumps(IAM_BODY))
    bad["auth"]["identity"]["password"]["user"]["password"] = "nope"
    resp = emu.http.post(f"{emu.url}/v3/auth/tokens", json=bad, verify=emu.ca)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == 401


def test_projects_with_aksk(emu):
    resp = emu.signed("GET", "/v3/projects", params={"name": "cn-north-4"}, headers={"X-Project-Id": PROJECT_ID})
    assert resp.json()["projects"][0]["id"] == PROJECT_ID


def test_unknown_api_is_the_gateway_404(emu):
    resp = emu.signed("GET", f"/v3/{PROJECT_ID}/no-such-thing")
    assert resp.status_code == 404 and resp.json()["error_code"] == "APIGW.0101"
