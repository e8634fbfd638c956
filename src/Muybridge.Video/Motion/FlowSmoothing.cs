namespace Muybridge.Video.Motion;

internal static class FlowSmoothing
{
    private const float EdgeScale = 1f / (10f * 10f);

    /// <summary>
    /// One pass of a 3×3 average whose weights fall across intensity edges: it removes the patch grid's noise while a leg's
    /// motion stays on the leg instead of bleeding into the backdrop.
    /// </summary>
    public static void EdgeAware(FlowField source, FloatPlane image, FlowField target)
    {
        int width = source.Width, height = source.Height;
        target.Resize(width, height);
        var su = source.U;
        var sv = source.V;
        var tu = target.U;
        var tv = target.V;
        var data = image.Data;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = y * width + x;
                var centre = data[at];
                float sumU = 0, sumV = 0, sumW = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = y + dy;
                    if ((uint)yy >= (uint)height)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        if ((uint)xx >= (uint)width)
                        {
                            continue;
                        }

                        var k = yy * width + xx;
                        var d = data[k] - centre;
                        var w = 1f / (1f + d * d * EdgeScale);
                        sumU += w * su[k];
                        sumV += w * sv[k];
                        sumW += w;
                    }
                }

                tu[at] = sumU / sumW;
                tv[at] = sumV / sumW;
            }
        }
    }
}
