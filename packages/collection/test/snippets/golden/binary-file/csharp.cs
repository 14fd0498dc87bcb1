// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.IO;
using System.Net.Http;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("PUT"), "https://api.example.com/anything/blob");
request.Content = new ByteArrayContent(File.ReadAllBytes("files/data.bin"));

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
