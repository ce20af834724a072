"""The files folder in an object store (NEPTUNE_SYS_FILES=s3://...), against a real
S3-compatible HTTP server (moto's server mode, started here): one process uploads, another
downloads; contents are kept once by hash; a server that is gone is a typed error naming
the URL, and the run keeps everything else."""

from __future__ import annotations

import json
import socket

import pytest

from tests.conftest import run_python

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")
pytest.importorskip("s3fs")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "FSSPEC_S3_ENDPOINT_URL": endpoint,
           "NEPTUNE_SYS_FILES": "s3://team-bucket/neptune"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_bucket(Bucket="team-bucket")
    yield client, server
    server.stop()


def _keys(client) -> list[str]:
    got = client.list_objects_v2(Bucket="team-bucket").get("Contents", [])
    return sorted(o["Key"] for o in got)


@pytest.mark.slow
def test_upload_in_one_process_download_in_another(store_path, tmp_path, s3):
    client, _ = s3
    (tmp_path / "w.bin").write_bytes(b"weights" * 1000)
    made = run_python("""
        import json, neptune_sys_widgets as n
        from neptune_sys_widgets.types import File
        r = n.init_run(project="ws/s3", source_files=[], git_ref=False)
        r["model"].upload("w.bin")
        r["again"].upload("w.bin")                  # same content: kept once
        r["preds"].append(File.from_content(b"png-0", extension="png"))
        sys_id = r["sys/id"].fetch()
        r.stop()
        print(json.dumps(sys_id))
    """)
    sys_id = json.loads(made.stdout.strip().splitlines()[-1])
    keys = _keys(client)
    assert len(keys) == 2 and all(k.startswith("neptune/sha256/") for k in keys)
    read = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sys_id!r}, mode="read-only")
        r["model"].download("back.bin")
        r["preds"].download_last("last")
        print(json.dumps([open("back.bin", "rb").read() == b"weights" * 1000,
                          open("last/0.png", "rb").read().decode()]))
    """)
    assert json.loads(read.stdout.strip().splitlines()[-1]) == [True, "png-0"]


@pytest.mark.slow
def test_a_vanished_object_store_is_a_typed_error(store_path, s3):
    _, server = s3
    server.stop()
    out = run_python("""
        import json, neptune_sys_widgets as n
        from neptune_sys_widgets.exceptions import StoreError
        from neptune_sys_widgets.types import File
        r = n.init_run(project="ws/s3", source_files=[], git_ref=False)
        r["ok"] = 1
        try:
            r["f"].upload(File.from_content(b"abc"))
            said = None
        except StoreError as e:
            said = str(e)
        r.wait()
        print(json.dumps([said, r["ok"].fetch(), r.exists("f")]))
        r.stop()
    """, timeout=180)
    said, ok, exists = json.loads(out.stdout.strip().splitlines()[-1])
    assert "s3://team-bucket/neptune/sha256" in said and "cannot be reached" in said
    assert ok == 1 and exists is False


@pytest.mark.slow
def test_s3_artifacts_are_tracked_and_downloaded(store_path, s3):
    client, _ = s3
    client.create_bucket(Bucket="datasets")
    for key, body in (("mnist/train.csv", b"a,b\n1,2\n"), ("mnist/sub/test.csv", b"x\n")):
        client.put_object(Bucket="datasets", Key=key, Body=body)
    out = run_python("""
        import json, os, neptune_sys_widgets as n
        r = n.init_run(project="ws/s3", source_files=[], git_ref=False)
        r["a"].track_files("s3://datasets/mnist")
        r["b"].track_files("s3://datasets/mnist/")
        r["one"].track_files("s3://datasets/mnist/train.csv", destination="data")
        r.wait()
        r["a"].download("down")
        print(json.dumps([r["a"].fetch_hash() == r["b"].fetch_hash(),
                          [(f.file_path, f.size, f.type, f.metadata["location"])
                           for f in r["a"].fetch_files_list()],
                          [f.file_path for f in r["one"].fetch_files_list()],
                          open("down/sub/test.csv").read()]))
        r.stop()
    """)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [
        True, [["sub/test.csv", 2, "S3", "s3://datasets/mnist/sub/test.csv"],
               ["train.csv", 8, "S3", "s3://datasets/mnist/train.csv"]],
        ["data/train.csv"], "x\n"]
