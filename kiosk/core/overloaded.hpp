#pragma once
// std::visit over a variant of events or effects with one lambda per alternative.
namespace wk {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace wk
