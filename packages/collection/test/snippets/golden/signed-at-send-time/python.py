import requests

url = "https://api.example.com/anything/signed"
headers = {
    "X-Missing": "{{missing}}",
}
files = [
    ("meta", (None, "{\"a\":1}".encode("utf-8"), "application/json")),
]

response = requests.request("POST", url, headers=headers, files=files, timeout=30)
print(response.status_code)
print(response.text)
