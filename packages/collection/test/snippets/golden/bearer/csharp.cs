// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.Net.Http;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("DELETE"), "https://api.example.com/anything/tokens/7");
request.Headers.TryAddWithoutValidation("Authorization", "Bearer tok.en-value");

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
