import requests

url = "https://api.example.com/anything/upload"
files = [
    ("title", (None, "A \"quoted\" title".encode("utf-8"))),
    ("document", ("hello.txt", open("files/hello.txt", "rb"), "application/octet-stream")),
    ("blob", ("data.bin", open("files/data.bin", "rb"), "application/x-custom")),
]

response = requests.request("POST", url, files=files, timeout=30)
print(response.status_code)
print(response.text)
