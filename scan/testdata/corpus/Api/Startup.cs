using System.Text;
using Microsoft.IdentityModel.Tokens;

public class Startup
{
    public void Configure()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("dotnet-secret-key-1234567890"));
        var fromConfig = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Configuration["Jwt:Key"]));
    }
}
