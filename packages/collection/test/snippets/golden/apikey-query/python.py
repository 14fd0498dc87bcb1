import requests

url = "https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D"

response = requests.request("GET", url, timeout=30)
print(response.status_code)
print(response.text)
