import requests

url = "https://api.example.com/anything/basic"
headers = {
    "Authorization": "Basic cG9zdG1hbjpwYSQkOnfDtnJk",
}

response = requests.request("GET", url, headers=headers, timeout=30)
print(response.status_code)
print(response.text)
