# Source: neptune-ai/examples, integrations-and-supported-tools/plotting-libraries/scripts/Neptune_Plotting_Support.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06, lines 1-9, 74-93, 115-116
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.types import
#   File` -> `from neptune_sys_widgets.types import File`. Left out: lines 10-73 and 94-114
#   (altair, vega_datasets, bokeh, folium, plotly and seaborn are not installed; without
#   plotly, 1.x's File.as_html stored the matplotlib figure as an inline PNG, as here).
#   `# check:` block added.
# Import neptune and initialize a new run
import neptune_sys_widgets as neptune

run = neptune.init_run(
    api_token=neptune.ANONYMOUS_API_TOKEN,
    project="common/plotting",
    tags=["script"],
)

# Log matplotlib charts to Neptune
## Create a sample chart
import matplotlib.pyplot as plt
import numpy as np

np.random.seed(42)
data = np.random.randn(2, 100)

figure, ax = plt.subplots(2, 2, figsize=(5, 5))
ax[0, 0].hist(data[0])
ax[1, 0].scatter(data[0], data[1])
ax[0, 1].plot(data[0], data[1])

## Log static chart to Neptune
run["matplotlib-static"].upload(figure)

## Log interactive chart to Neptune
from neptune_sys_widgets.types import File

run["matplotlib-interactive"].upload(File.as_html(figure, include_plotlyjs="cdn"))

# check: the figure is stored as a PNG image, and as an HTML page
run.wait()
assert run["matplotlib-static"].fetch_extension() == "png"
run["matplotlib-static"].download("figure.png")
assert open("figure.png", "rb").read(8) == b"\x89PNG\r\n\x1a\n"
assert run["matplotlib-interactive"].fetch_extension() == "html"

# Stop Neptune run
run.stop()
