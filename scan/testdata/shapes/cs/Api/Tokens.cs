using System.Text;
namespace Api;
class Tokens
{
    SymmetricSecurityKey Key() => new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Settings.Secret));
    string Fallback() => Environment.GetEnvironmentVariable("JWT_KEY") ?? "lychee-1";
}
