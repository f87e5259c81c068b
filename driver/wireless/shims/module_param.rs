// SPDX-License-Identifier: GPL-2.0

//! Module parameters (`module_param`) for Rust modules, which the 6.12
//! `module!` macro cannot declare.
//!
//! ```ignore
//! module_param!(RADIOS, "radios", i32, 2, "Number of simulated radios");
//! let n = RADIOS.get();
//! ```

use crate::wireless::bindings;
use core::cell::UnsafeCell;
use kernel::str::CStr;

/// The storage of a module parameter. The kernel writes it while parsing
/// the module's arguments (before `init`) and, for writable parameters,
/// through sysfs.
#[repr(transparent)]
pub struct ParamValue<T: Copy>(UnsafeCell<T>);

// SAFETY: reads are volatile copies of plain integers or booleans; the
// kernel writes them whole under the parameter lock.
unsafe impl<T: Copy + Send> Sync for ParamValue<T> {}

impl<T: Copy> ParamValue<T> {
    /// A parameter with default value `v`.
    pub const fn new(v: T) -> Self {
        Self(UnsafeCell::new(v))
    }

    /// The current value.
    pub fn get(&self) -> T {
        // SAFETY: the cell is valid for the module's lifetime; a volatile
        // read of a plain value cannot tear for these sizes.
        unsafe { core::ptr::read_volatile(self.0.get()) }
    }
}

/// Types the kernel's standard parameter parsers handle.
pub trait ParamType: Copy {
    /// The parser (`param_ops_*`).
    const OPS: &'static bindings::kernel_param_ops;
}

impl ParamType for i32 {
    // SAFETY: `param_ops_int` is an immutable exported table.
    const OPS: &'static bindings::kernel_param_ops = unsafe { &bindings::param_ops_int };
}

impl ParamType for bool {
    // SAFETY: `param_ops_bool` is an immutable exported table.
    const OPS: &'static bindings::kernel_param_ops = unsafe { &bindings::param_ops_bool };
}

/// A `struct kernel_param` entry of the `__param` section.
///
/// # Invariants
///
/// Its name, description and value pointers are `'static`, as the kernel
/// reads them for the module's lifetime.
#[repr(transparent)]
pub struct KernelParam(bindings::kernel_param);

// SAFETY: the entry is immutable; the kernel only reads it.
unsafe impl Sync for KernelParam {}

impl KernelParam {
    /// The entry for parameter `name` stored in `value`, readable by all in
    /// sysfs.
    pub const fn new<T: ParamType>(name: &'static CStr, value: &'static ParamValue<T>) -> Self {
        Self(bindings::kernel_param {
            name: name.as_char_ptr(),
            // The module pointer only selects which lock guards sysfs
            // access; null selects the global one.
            mod_: core::ptr::null_mut(),
            ops: T::OPS,
            perm: 0o444,
            level: -1,
            flags: 0,
            __bindgen_anon_1: bindings::kernel_param__bindgen_ty_1 {
                arg: value.0.get().cast(),
            },
        })
    }
}

/// Copies a string into a byte array at compile time (for `.modinfo`).
pub const fn modinfo<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    let mut a = [0u8; N];
    let mut i = 0;
    while i < b.len() && i < N {
        a[i] = b[i];
        i += 1;
    }
    a
}

/// Declares a module parameter: `module_param!(STATIC, "name", type,
/// default, "description")`. `STATIC.get()` reads it.
// Exported (at the crate root) so that a crate without parameters does not
// warn about an unused macro.
#[macro_export]
macro_rules! module_param {
    (@type i32) => {
        "int"
    };
    (@type bool) => {
        "bool"
    };
    ($var:ident, $name:literal, $ty:ident, $default:expr, $desc:literal) => {
        static $var: $crate::wireless::shims::module_param::ParamValue<$ty> =
            $crate::wireless::shims::module_param::ParamValue::new($default);
        const _: () = {
            #[link_section = "__param"]
            #[used]
            static PARAM: $crate::wireless::shims::module_param::KernelParam =
                $crate::wireless::shims::module_param::KernelParam::new::<$ty>(
                    kernel::c_str!($name),
                    &$var,
                );
            const DESC: &str = concat!("parm=", $name, ":", $desc, "\0");
            #[link_section = ".modinfo"]
            #[used]
            static MODINFO_DESC: [u8; DESC.len()] =
                $crate::wireless::shims::module_param::modinfo(DESC);
            const TYPE: &str = concat!(
                "parmtype=",
                $name,
                ":",
        $crate::module_param!(@type $ty),
                "\0"
            );
            #[link_section = ".modinfo"]
            #[used]
            static MODINFO_TYPE: [u8; TYPE.len()] =
                $crate::wireless::shims::module_param::modinfo(TYPE);
        };
    };
}
pub use crate::module_param;
