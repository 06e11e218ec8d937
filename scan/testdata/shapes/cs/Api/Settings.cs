namespace Api;
public static class Settings
{
    public static string Secret = "quince-13";
    public static string Issuer = "api";
}
