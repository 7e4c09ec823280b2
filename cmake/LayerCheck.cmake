# Which layer may link which of ours (ARCHITECTURE.md, "Layers, and the way data flows"). Checked at the
# end of configure, so a link that breaks the picture stops the build before anything compiles.
# platform links core: its adapters answer with core/result.hpp, and everything may depend on core.
# worker (threads, stop, backoff) is below everything that runs work off the UI thread, and sees nothing.
set(WIJKKIOSK_LAYER_MAY_LINK_core "")
set(WIJKKIOSK_LAYER_MAY_LINK_worker "")
set(WIJKKIOSK_LAYER_MAY_LINK_store core)
set(WIJKKIOSK_LAYER_MAY_LINK_net core store worker)
set(WIJKKIOSK_LAYER_MAY_LINK_print core worker)
set(WIJKKIOSK_LAYER_MAY_LINK_platform core worker)
set(WIJKKIOSK_LAYER_MAY_LINK_ui core)
set(WIJKKIOSK_LAYER_MAY_LINK_service core store)
# update (signatures, and the updater's install, trial and rollback) needs only the manifest rules of core.
set(WIJKKIOSK_LAYER_MAY_LINK_update core)
set(WIJKKIOSK_LAYER_MAY_LINK_app core worker store net print platform ui service update)

# Our targets by the layer they are: wijkkiosk_NAME / wijkkiosk::NAME, and the app's runtime.
function(wijkkiosk_layer_of item out)
  set(layer "")
  if(item MATCHES "wijkkiosk(::|_)runtime")
    set(layer app)
  elseif(item MATCHES "wijkkiosk(::|_)(core|worker|store|net|print|platform|ui|service|update)([^a-z_]|$)")
    set(layer ${CMAKE_MATCH_2})
  endif()
  set(${out} "${layer}" PARENT_SCOPE)
endfunction()

# wijkkiosk_check_layers() reads every layer target's links (PRIVATE and INTERFACE, generator expressions
# included) and stops configure on a link the table does not allow, or on a layer not in the table.
function(wijkkiosk_check_layers)
  get_property(layers GLOBAL PROPERTY WIJKKIOSK_LAYERS)
  foreach(entry IN LISTS layers)
    string(REPLACE "=" ";" pair "${entry}")
    list(GET pair 0 name)
    list(GET pair 1 target)
    if(NOT DEFINED WIJKKIOSK_LAYER_MAY_LINK_${name})
      message(FATAL_ERROR "layer ${name} (${target}) is not in the table of cmake/LayerCheck.cmake")
    endif()
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(interface_links ${target} INTERFACE_LINK_LIBRARIES)
    foreach(item IN LISTS links interface_links)
      wijkkiosk_layer_of("${item}" other)
      if(other AND NOT other STREQUAL name AND NOT other IN_LIST WIJKKIOSK_LAYER_MAY_LINK_${name})
        message(FATAL_ERROR "layer ${name} (${target}) may not link layer ${other} (${item}): "
          "it may link only [${WIJKKIOSK_LAYER_MAY_LINK_${name}}] (ARCHITECTURE.md)")
      endif()
    endforeach()
  endforeach()
endfunction()
