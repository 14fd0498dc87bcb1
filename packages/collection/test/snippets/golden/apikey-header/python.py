import requests

url = "https://api.example.com/anything/keyed"
headers = {
    "X-API-Key": "k-123",
}

response = requests.request("GET", url, headers=headers, timeout=30)
print(response.status_code)
print(response.text)
