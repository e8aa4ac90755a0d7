namespace Framework.Host.Tracking;

/// <summary>The git checkout an experiment file lives in.</summary>
/// <param name="Commit">The full hash of HEAD.</param>
/// <param name="IsDirty">Whether tracked files differ from HEAD.</param>
/// <param name="Branch">The branch name, or null when HEAD is detached.</param>
/// <param name="RemoteUrl">The <c>origin</c> remote's URL, or null.</param>
internal sealed record GitState(string Commit, bool IsDirty, string? Branch, string? RemoteUrl);
