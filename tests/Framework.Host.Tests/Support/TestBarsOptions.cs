using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Host.Tests.Support;

/// <summary>Options shaped like the bars-and-stripes dataset's.</summary>
internal sealed class TestBarsOptions
{
    [Description("Side of the square images.")]
    [Range(2, 16)]
    public int Size { get; set; } = 4;
}
