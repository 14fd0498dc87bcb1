// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net;
using System.Net.Http;

var handler = new HttpClientHandler { Credentials = new NetworkCredential("postman", "password") };
using var client = new HttpClient(handler);
using var request = new HttpRequestMessage(new HttpMethod("GET"), "https://api.example.com/digest-auth");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
