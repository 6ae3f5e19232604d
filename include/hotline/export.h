/* hotline/export.h: the symbol export macro of the installed hotline libraries (C and C++).
   The libraries are built with -fvisibility=hidden; only what is marked HOTLINE_API is
   exported. Define HOTLINE_STATIC when linking the static libraries on a platform that
   needs import declarations (nothing to do on Linux). */
#ifndef HOTLINE_EXPORT_H
#define HOTLINE_EXPORT_H

#if defined(_WIN32)
#  if defined(HOTLINE_STATIC)
#    define HOTLINE_API
#  elif defined(HOTLINE_BUILDING)
#    define HOTLINE_API __declspec(dllexport)
#  else
#    define HOTLINE_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define HOTLINE_API __attribute__((visibility("default")))
#else
#  define HOTLINE_API
#endif

#endif /* HOTLINE_EXPORT_H */
