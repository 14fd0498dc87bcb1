import requests

url = "https://api.example.com/anything/tokens/7"
headers = {
    "Authorization": "Bearer tok.en-value",
}

response = requests.request("DELETE", url, headers=headers, timeout=30)
print(response.status_code)
print(response.text)
