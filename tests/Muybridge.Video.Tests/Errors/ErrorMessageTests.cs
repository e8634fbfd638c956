using Muybridge.Video.Interpolation;
using Muybridge.Video.Stylization;
using Muybridge.Video.Timing;
using Muybridge.Video.Upscaling;

namespace Muybridge.Video.Tests;

/// <summary>The library's refusals read as the sentence they were written as: no "(Parameter 'x')" or "Actual value was" tail.</summary>
public sealed class ErrorMessageTests
{
    public static TheoryData<string> Refusals => ["speed", "factor", "scale", "style"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_option_is_still_an_argument_exception_with_its_parameter_but_the_message_is_the_sentence_alone(string which)
    {
        Action refuse = which switch
        {
            "speed" => () => _ = new Retimer(new RetimeOptions { Speed = 0 }),
            "factor" => () => _ = new InterpolationStage(new CrossFadeInterpolator(), 0),
            "scale" => () => _ = new LanczosUpscaler(3),
            _ => () => new StyleOptions { StyleWeight = 2 }.Validate(),
        };

        var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(refuse);
        Assert.False(string.IsNullOrEmpty(e.ParamName));
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_library_failure_that_is_not_a_bad_argument_is_a_MuybridgeException()
    {
        var types = new[] { typeof(Frames.Frame).Assembly, typeof(Muybridge.Video.Onnx.Sessions.ModelContractException).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.Contains(typeof(InvalidFrameInputException), types);
        Assert.All(types, t => Assert.True(typeof(MuybridgeException).IsAssignableFrom(t) || typeof(ArgumentException).IsAssignableFrom(t), t.Name));
        Assert.True(types.Count(t => typeof(MuybridgeException).IsAssignableFrom(t)) >= 5);
    }
}
