# Source: neptune-ai/examples, integrations-and-supported-tools/html/scripts/Neptune_HTML_Support.py
#   @ 8d077cadbcd916186584276e4d1c43b9cced9b06 (whole file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`;
#   `from neptune.types import File` -> `from neptune_sys_widgets.types import File`.
#   `# check:` block added.
# Import necessary libraries
import neptune_sys_widgets as neptune
from neptune_sys_widgets.types import File

# Initialize Neptune and create a new run
run = neptune.init_run(api_token=neptune.ANONYMOUS_API_TOKEN, project="common/html-support")

# Create a sample HTML string object
html_str = """<button type='button', style='background-color:#005879; width:400px; height:400px; font-size:30px'>
           <a "style='color: #ccc', href='https://docs.neptune.ai'> Take me back to the docs!<a> </button>"""

# Create a sample HTML file
with open("sample.html", "w") as f:
    f.write(html_str)

# Log HTML file
run["html_file"].upload("sample.html")

# Log HTML string object
run["html_obj"].upload(File.from_content(html_str, extension="html"))

# Tracking will stop automatically once script execution is complete

# check: both are html files with the same content
run.wait()
assert run["html_file"].fetch_extension() == "html"
assert run["html_obj"].fetch_extension() == "html"
run["html_file"].download("file_copy.html")
run["html_obj"].download("obj_copy.html")
assert open("file_copy.html").read() == html_str == open("obj_copy.html").read()
