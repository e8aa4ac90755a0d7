namespace Framework.Host.Tracking;

/// <summary>The user name MLflow's Python client would record (getpass.getuser: LOGNAME, USER, LNAME, USERNAME, then the account).</summary>
internal static class CurrentUser
{
    public static string Name()
    {
        foreach (var variable in new[] { "LOGNAME", "USER", "LNAME", "USERNAME" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return Environment.UserName;
    }
}
