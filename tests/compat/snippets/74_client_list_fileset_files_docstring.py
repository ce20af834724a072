# Source: neptune-ai/neptune-client, src/neptune/handler.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x), docstring of Handler.list_fileset_files(), lines 724-742
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`; `>>>` prompts removed, the
#   sample outputs kept as comments. A `# fixture:` builds what the docstring describes (run
#   RUN-100 with a FileSet field "dataset" made by `run["dataset"].upload_files("data")`, data/
#   holding dataset.csv and samples/sample_v2.csv, sample_v3.csv); `# check:` block added.
import os

import neptune_sys_widgets as neptune

# fixture: "a Neptune run (RUN-100) has a FileSet field "dataset" containing a directory called
#   "data", which has a subdirectory "samples" and a file "dataset.csv""
os.makedirs("data/samples", exist_ok=True)
for _name in ("data/dataset.csv", "data/samples/sample_v2.csv", "data/samples/sample_v3.csv"):
    with open(_name, "w") as _f:
        _f.write("a,b\n" + "1,2\n" * 52 + "xy\n")  # 215 bytes, as in the docstring
os.environ["NEPTUNE_PROJECT"] = "docs/fileset"
_writer = neptune.init_run()
_writer["dataset"].upload_files("data")
_writer_id = _writer["sys/id"].fetch()
_writer.stop()

run = neptune.init_run(with_id=_writer_id)  # the docstring's with_id="RUN-100"
top = run["dataset"].list_fileset_files()
# [FileEntry(name='data', size=None, mtime=datetime.datetime(2023, 8, 17, 10, 31, 54, 278601, tzinfo=tzutc()),
# file_type='directory')]
data = run["dataset"].list_fileset_files(path="data")
# [FileEntry(name='samples', size=None, mtime=datetime.datetime(2023, 8, 17, 10, 34, 6, 777017,
# tzinfo=tzutc()), file_type='directory'), FileEntry(name='dataset.csv', size=215,
# mtime=datetime.datetime(2023, 8, 17, 10, 31, 26, 402000, tzinfo=tzutc()), file_type='file')]
samples = run["dataset"].list_fileset_files(path="data/samples")
# [FileEntry(name='sample_v2.csv', size=215, mtime=datetime.datetime(2023, 8, 17, 10, 31, 26, 491000,
# tzinfo=tzutc()), file_type='file'), FileEntry(name='sample_v3.csv', size=215, mtime=datetime.datetime(2023,
# 8, 17, 10, 31, 26, 338000, tzinfo=tzutc()), file_type='file'), ...]

# check: the three levels, as the sample outputs show them
print(top, data, samples, sep="\n")
assert [(e.name, e.size, e.file_type) for e in top] == [("data", None, "directory")]
assert sorted((e.name, e.size, e.file_type) for e in data) == [
    ("dataset.csv", 215, "file"), ("samples", None, "directory")]
assert sorted((e.name, e.size, e.file_type) for e in samples) == [
    ("sample_v2.csv", 215, "file"), ("sample_v3.csv", 215, "file")]
assert all(e.mtime.tzinfo is not None for e in top + data + samples)
run.stop()
