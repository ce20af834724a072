# Source: neptune-ai/examples, integrations-and-supported-tools/pandas/scripts/Neptune_Pandas.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-5, 7-13, 19-35
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.types import File` -> `from neptune_sys_widgets.types import File`.
#   Left out: lines 14-18 (reads iris.csv from GitHub: network; a `# fixture:` builds the same
#   100-row iris DataFrame from scikit-learn's bundled copy), line 6 and 36-44 (ydata_profiling
#   is not installed). `# check:` block added.
from io import StringIO

import neptune_sys_widgets as neptune
import pandas as pd
from neptune_sys_widgets.types import File

# (Neptune) Initialize a run
run = neptune.init_run(
    project="common/pandas-support",
    api_token=neptune.ANONYMOUS_API_TOKEN,
)

# fixture: seaborn-data's iris.csv, first 100 rows
from sklearn.datasets import load_iris as _load_iris
_bunch = _load_iris(as_frame=True)
iris_df = _bunch.frame.rename(columns=dict(zip(_bunch.feature_names, [
    "sepal_length", "sepal_width", "petal_length", "petal_width"]))).rename(
    columns={"target": "species"}).head(100)
iris_df["species"] = iris_df["species"].map(dict(enumerate(_bunch.target_names)))

# (Neptune) Log Dataframe as HTML
run["data/iris-df-html"].upload(File.as_html(iris_df))

# Save DataFrame as a CSV
csv_fname = "iris.csv"
iris_df.to_csv(csv_fname, index=False)

# (Neptune) Log CSV
run["data/iris-df-csv"].upload(csv_fname)

# Save DataFrame as a CSV buffer
csv_buffer = StringIO()
iris_df.to_csv(csv_buffer, index=False)

# (Neptune) Log CSV buffer
run["data/iris-df-csv-buffer"].upload(File.from_stream(csv_buffer, extension="csv"))

# check: an html table, and the CSV file and CSV buffer read back as the same frame
run.wait()
assert run["data/iris-df-html"].fetch_extension() == "html"
run["data/iris-df-html"].download("table.html")
assert "<table" in open("table.html").read()
run["data/iris-df-csv"].download("a.csv")
run["data/iris-df-csv-buffer"].download("b.csv")
assert run["data/iris-df-csv-buffer"].fetch_extension() == "csv"
pd.testing.assert_frame_equal(pd.read_csv("a.csv"), pd.read_csv("b.csv"))
assert len(pd.read_csv("b.csv")) == 100
run.stop()
