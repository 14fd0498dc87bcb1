import requests

url = "https://api.example.com/anything/blob"
with open("files/data.bin", "rb") as f:
    payload = f.read()

response = requests.request("PUT", url, data=payload, timeout=30)
print(response.status_code)
print(response.text)
