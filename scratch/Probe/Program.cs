using TorchSharp;
using static TorchSharp.torch;
using System.Reflection;
var t = typeof(Tensor);
foreach (var m in t.GetMethods().Where(m => m.Name.Contains("ptr") || m.Name.Contains("Ptr") || m.Name=="Save" || m.Name=="Load" || m.Name=="is_set_to" || m.Name=="untyped_storage").Select(m => m.ToString()).Distinct()) Console.WriteLine("Tensor." + m);
foreach (var type in typeof(Tensor).Assembly.GetTypes().Where(x => x.Name.Contains("TensorExtensionMethods")))
  foreach (var m in type.GetMethods().Where(m => m.Name is "Save" or "Load" or "save" or "load").Select(m=>m.ToString())) Console.WriteLine(type.Name + "." + m);
var lin = nn.Linear(3, 2);
var x = ones(4,3);
lin.forward(x).sum().backward();
var g0 = lin.weight!.grad;
Console.WriteLine($"grad before zero_grad: {g0 is not null}");
lin.zero_grad();
Console.WriteLine($"after Module.zero_grad(): grad null? {lin.weight!.grad is null}");
var mi = typeof(nn.Module).GetMethods().Where(m => m.Name == "zero_grad").Select(m => m.ToString());
Console.WriteLine(string.Join(" | ", mi));
// is_set_to
var a = zeros(6); var v = a.narrow(0,2,3); var w = a.narrow(0,2,3);

