import requests

url = "https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty="
headers = {
    "X-Trace": "abc-123",
    "Accept": "application/json",
}

response = requests.request("GET", url, headers=headers, timeout=30)
print(response.status_code)
print(response.text)
