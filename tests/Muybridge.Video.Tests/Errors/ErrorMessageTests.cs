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
    public void A_refused_option_is_a_MuybridgeException_naming_its_parameter_and_the_message_is_the_sentence_alone(string which)
    {
        Action refuse = which switch
        {
            "speed" => () => _ = new Retimer(new RetimeOptions { Speed = 0 }),
            "factor" => () => _ = new InterpolationStage(new CrossFadeInterpolator(), 0),
            "scale" => () => _ = new LanczosUpscaler(3),
            _ => () => new StyleOptions { StyleWeight = 2 }.Validate(),
        };

        var e = Assert.Throws<OptionOutOfRangeException>(refuse);
        Assert.IsAssignableFrom<MuybridgeException>(e);
        Assert.False(string.IsNullOrEmpty(e.ParamName));
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_library_failure_is_a_MuybridgeException()
    {
        var types = new[] { typeof(Frames.Frame).Assembly, typeof(Muybridge.Video.Onnx.Sessions.ModelContractException).Assembly, typeof(Muybridge.Video.Orleans.Storage.ClusterStorage).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.Contains(typeof(InvalidFrameInputException), types);
        Assert.Contains(typeof(InvalidOptionException), types);
        Assert.Contains(typeof(Muybridge.Video.Orleans.Storage.ClusterStorageException), types);

        // SegmentRenderException crosses grain calls (Orleans' own serializer) and never reaches a front end: the job's status carries its message.
        Assert.All(types.Where(t => t != typeof(Muybridge.Video.Orleans.Rendering.SegmentRenderException)), t => Assert.True(typeof(MuybridgeException).IsAssignableFrom(t), t.Name));
        Assert.True(types.Count(t => typeof(MuybridgeException).IsAssignableFrom(t)) >= 9);
    }
}
